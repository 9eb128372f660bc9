package org.forwardlearn.forwardgnn.nodeclass;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.GnnExperiment;
import org.forwardlearn.forwardgnn.GnnResult;

/**
 * Manual timing harness (not a test): {@code method conv layers [epochs] [split] [theta] [dataset]}. Prints, per layer,
 * epochs run, main-thread CPU and wall seconds per epoch; then test/val accuracy and the peak RSS
 * ({@code -Dwd=x}: weight decay x; {@code -Dpatience=n}: patience n validations; {@code -Dprobe=true}: also core's MemoryProbe peak heap, a collection after every epoch).
 */
public final class GoodnessHarness {
    public static void main(String[] a) throws Exception {
        GnnConfig c = GnnConfig.defaults().withDataset(a.length > 6 ? a[6] : "citationfull-cora_ml").withMethod(a[0])
                .withConv(a[1]).withLayers(Integer.parseInt(a[2])).withSplit(a.length > 4 ? Integer.parseInt(a[4]) : 0);
        if (a.length > 3 && Integer.parseInt(a[3]) > 0) c = c.withEpochs(Integer.parseInt(a[3]));
        if (a.length > 5 && !a[5].equals("-")) c = c.withTheta(Double.parseDouble(a[5]));
        if (System.getProperty("patience") != null) c = c.withPatience(Integer.getInteger("patience"));
        if (System.getProperty("wd") != null) c = c.withWeightDecay(Double.parseDouble(System.getProperty("wd")));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] start = new long[2];
        int[] count = new int[1];
        TrainingListener l = new TrainingListener() {
            @Override public void onLayerStart(int layer, int max) {
                start[0] = mx.getCurrentThreadCpuTime(); start[1] = System.nanoTime(); count[0] = 0;
            }
            @Override public void onEpochEnd(EpochStats s) {
                count[0]++;
                if (s.validated() && (s.epoch() + 1) % 100 == 0) {
                    System.out.printf("  layer %d epoch %d loss %.5f val %.4f best %.4f%n", s.layer(), s.epoch() + 1, s.loss(), s.metric(),
                            s.bestMetric());
                }
            }
            @Override public void onLayerEnd(org.forwardlearn.core.train.LayerReport r) {
                double cpu = (mx.getCurrentThreadCpuTime() - start[0]) / 1e9, wall = (System.nanoTime() - start[1]) / 1e9;
                System.out.printf("layer %d: %d epochs, CPU %.4f s/epoch, wall %.4f s/epoch (CPU %.1f s, wall %.1f s)%n", r.layer(),
                        count[0], cpu / count[0], wall / count[0], cpu, wall);
                if (Boolean.getBoolean("probe")) {
                    System.gc();
                    System.out.printf("  live heap after a full GC at the end of layer %d: %.1f MB%n", r.layer(),
                            ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0);
                }
            }
        };
        org.forwardlearn.forwardgnn.MemoryProbe probe = Boolean.getBoolean("probe") ? org.forwardlearn.forwardgnn.MemoryProbe.everyEpoch() : null;
        long t0 = System.nanoTime();
        GnnResult r = new GnnExperiment(c).run(probe == null ? l : TrainingListener.of(l, probe));
        if (probe != null) System.out.printf("peak heap (GC after every epoch) %.1f MB%n", probe.peakBytes() / 1048576.0);
        System.out.printf("%s %s L%d split %d: test %.4f val %.4f, total %.1f s%n", a[0], a[1], c.layers(), c.split(),
                r.testAccuracy(), r.valAccuracy(), (System.nanoTime() - t0) / 1e9);
        for (double[] m : r.layerMetrics()) System.out.printf("  per layer val %.4f test %.4f%n", m[0], m[1]);
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) if (line.startsWith("VmHWM")) System.out.println(line);
    }
}
