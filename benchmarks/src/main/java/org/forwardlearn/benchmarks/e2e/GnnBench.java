package org.forwardlearn.benchmarks.e2e;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.forwardlearn.benchmarks.proto.ProtoGcnConv;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.core.train.LayerReport;
import org.forwardlearn.core.train.LayerwiseTrainer;
import org.forwardlearn.core.train.TrainingResult;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.GnnExperiment;
import org.forwardlearn.forwardgnn.MemoryProbe;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.layer.GcnConv;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.nodeclass.NodeMethods;
import org.forwardlearn.forwardgnn.nodeclass.SingleForward;

/**
 * End-to-end timing of one GNN scenario, run the way {@code GnnExperiment.run} runs it (same graph
 * loading, split, seeded initialisation, trainer), K times after W warm-up runs, in one JVM. Prints one
 * JSON object per run and a summary line (median and min/max). With {@code --proto SPEC} the SF-GCN
 * layers are {@link ProtoGcnConv} with the listed optimisations (e.g. {@code dense,sparse,memo}).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx1g -cp benchmarks/target/benchmarks.jar \
 *   org.forwardlearn.benchmarks.e2e.GnnBench --dataset citationfull-cora_ml --method sf --layers 2 \
 *   --repeat 3 --warmup 1 [--epochs 100 --fixed] [--proto dense,sparse,memo] [--out results.jsonl]
 * </pre>
 */
public final class GnnBench {
    private GnnBench() { }

    public static void main(String[] args) throws IOException {
        GnnConfig c = GnnConfig.defaults().withDataDir(Path.of(System.getProperty("forwardlearn.data", "/work/shared/datasets")));
        int repeat = 3, warmup = 1;
        String proto = null;
        Path out = null;
        boolean fixed = false;
        for (int i = 0; i < args.length; i++) {
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--dataset" -> { c = c.withDataset(v); i++; }
                case "--method" -> { c = c.withMethod(v); i++; }
                case "--conv" -> { c = c.withConv(v); i++; }
                case "--layers" -> { c = c.withLayers(Integer.parseInt(v)); i++; }
                case "--split" -> { c = c.withSplit(Integer.parseInt(v)); i++; }
                case "--epochs" -> { c = c.withEpochs(Integer.parseInt(v)); i++; }
                case "--fixed" -> fixed = true;
                case "--repeat" -> { repeat = Integer.parseInt(v); i++; }
                case "--warmup" -> { warmup = Integer.parseInt(v); i++; }
                case "--proto" -> { proto = v; i++; }
                case "--out" -> { out = Path.of(v); i++; }
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        if (fixed) c = c.withPatience(0); // patience 0 disables early stopping: exactly --epochs per layer
        List<Double> times = new ArrayList<>(), perEpoch = new ArrayList<>(), cpus = new ArrayList<>();
        for (int r = 0; r < warmup + repeat; r++) {
            String json = runOnce(c, proto, r < warmup, times, perEpoch, cpus);
            System.out.println(json);
            if (out != null && r >= warmup) {
                Files.writeString(out, json + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
        System.out.printf(Locale.ROOT, "SUMMARY %s %s %s x%d proto=%s: train_seconds median %.3f [min %.3f, max %.3f]; "
                        + "s/epoch median %.4f [min %.4f, max %.4f]; cpu_seconds median %.3f [min %.3f, max %.3f]; peak RSS %.0f MB%n",
                c.dataset(), c.method(), c.conv(), c.layers(), proto, median(times), min(times), max(times),
                median(perEpoch), min(perEpoch), max(perEpoch), median(cpus), min(cpus), max(cpus), Rss.peakMb());
    }

    static String runOnce(GnnConfig c, String proto, boolean warm, List<Double> times, List<Double> perEpoch, List<Double> cpus) {
        long t0 = System.nanoTime();
        GnnExperiment exp = new GnnExperiment(c);
        GraphData g = exp.loadGraph();
        Split split = GnnExperiment.nodeSplit(g, c.split(), c.seed());
        Random rng = org.forwardlearn.core.random.Seeds.forSplit(c.seed(), c.split());
        NodeMethods.Built built;
        if (proto != null && c.method().equals("sf") && c.conv().equals("gcn")) {
            List<GraphConv> convs = NodeMethods.stack(c.conv(), g.features().cols(), c.hidden(), c.layers(), rng);
            ProtoGcnConv.Options o = ProtoGcnConv.Options.parse(proto);
            List<GraphConv> p = new ArrayList<>();
            for (GraphConv x : convs) p.add(new ProtoGcnConv((GcnConv) x, o));
            SingleForward sf = SingleForward.create(p, g, split, c.bidirectional(), c.tau(), rng);
            built = new NodeMethods.Built(sf, sf.convs(), java.util.Map.of(), () -> last(sf)[1], () -> last(sf)[0],
                    sf::layerAccuracies, sf::predictions);
        } else {
            built = NodeMethods.build(c, g, split, rng);
        }
        MemoryProbe probe = new MemoryProbe();
        System.gc();
        LiveHeap.reset();
        long c1 = cpuNanos();
        long t1 = System.nanoTime();
        TrainingResult tr = new LayerwiseTrainer(exp.trainerConfig()).fit(built.problem(), probe, 0, exp.provenance());
        long t2 = System.nanoTime();
        double cpu = (cpuNanos() - c1) * 1e-9;
        double acc = built.testAccuracy();
        long t3 = System.nanoTime();
        double train = (t2 - t1) * 1e-9, total = (t3 - t0) * 1e-9;
        int epochs = 0;
        StringBuilder layers = new StringBuilder("[");
        for (LayerReport lr : tr.layers()) {
            epochs += lr.epochs();
            if (layers.length() > 1) layers.append(',');
            layers.append(String.format(Locale.ROOT, "{\"layer\":%d,\"epochs\":%d,\"best_epoch\":%d,\"seconds\":%.3f,\"seconds_per_epoch\":%.5f}",
                    lr.layer(), lr.epochs(), lr.bestEpoch(), lr.seconds(), lr.secondsPerEpoch()));
        }
        layers.append(']');
        if (!warm) { times.add(train); perEpoch.add(train / epochs); cpus.add(cpu); }
        return String.format(Locale.ROOT, "{\"warmup\":%b,\"dataset\":\"%s\",\"method\":\"%s\",\"conv\":\"%s\",\"layers\":%d,"
                        + "\"proto\":\"%s\",\"backend\":\"%s\",\"threads\":%d,\"total_seconds\":%.3f,\"train_seconds\":%.3f,"
                        + "\"cpu_seconds\":%.3f,\"load_avg\":%.2f,\"epochs\":%d,\"seconds_per_epoch\":%.5f,\"test_accuracy\":%.4f,\"peak_heap_mb\":%.1f,\"live_heap_mb\":%.1f,\"peak_rss_mb\":%.1f,"
                        + "\"per_layer\":%s}",
                warm, c.dataset(), c.method(), c.conv(), c.layers(), proto, Kernels.describe(),
                Runtime.getRuntime().availableProcessors(), total, train, cpu, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), epochs, train / epochs, acc,
                probe.peakBytes() / 1048576.0, LiveHeap.peakMb(), Rss.peakMb(), layers);
    }

    /** CPU time of the whole process (all threads, including GC and JIT), ns. */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double[] last(SingleForward sf) {
        List<double[]> a = sf.layerAccuracies();
        return a.get(a.size() - 1);
    }

    static double median(List<Double> x) {
        if (x.isEmpty()) return Double.NaN;
        double[] s = x.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(List<Double> x) { return x.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN); }

    static double max(List<Double> x) { return x.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN); }

    static String join(double[] v) { return Arrays.toString(v); }
}
