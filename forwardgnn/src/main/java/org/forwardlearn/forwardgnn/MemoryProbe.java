package org.forwardlearn.forwardgnn;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerReport;

/**
 * Peak JVM heap during training: the sum over heap memory pools of their peak usage, with the peaks
 * reset and a collection forced before the run and after every layer (so the finished layers'
 * garbage is not counted). Use as a listener; read {@link #peakBytes()} after the run.
 *
 * <p>With {@link #everyEpoch()} a collection is also forced after every epoch, so each epoch starts
 * from the live data alone; with a young generation large enough that no collection happens within an
 * epoch (for example {@code -XX:+UseSerialGC -Xmn512m}) the peak is then the live data plus everything
 * one epoch allocates (activations, gradients, temporaries): deterministic, and it grows with depth
 * exactly when a step has to hold more per layer (backprop), not with the collector's timing.
 */
public final class MemoryProbe implements TrainingListener {
    private final boolean everyEpoch;
    private long peak;

    public MemoryProbe() { this(false); }

    private MemoryProbe(boolean everyEpoch) { this.everyEpoch = everyEpoch; }

    /** A probe that also forces a collection (and resets the peaks) after every epoch (see the class comment). */
    public static MemoryProbe everyEpoch() { return new MemoryProbe(true); }

    public static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
    }

    private void sample() {
        long s = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) s += p.getPeakUsage().getUsed();
        peak = Math.max(peak, s);
    }

    @Override public void onRunStart(int numLayers, int firstLayer) { resetPeaks(); }

    @Override public void onLayerEnd(LayerReport report) { sample(); resetPeaks(); }

    @Override
    public void onEpochEnd(EpochStats stats) {
        if (everyEpoch) { sample(); resetPeaks(); }
    }

    @Override public void onRunEnd(org.forwardlearn.core.train.TrainingResult result) { sample(); }

    /** Highest heap-pool peak seen in any layer (bytes). */
    public long peakBytes() { return peak; }
}
