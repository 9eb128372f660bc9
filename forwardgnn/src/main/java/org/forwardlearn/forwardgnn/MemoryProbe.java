package org.forwardlearn.forwardgnn;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.train.LayerReport;

/**
 * Peak JVM heap during training: the sum over heap memory pools of their peak usage, with the peaks
 * reset and a collection forced before the run and after every layer (so the finished layers'
 * garbage is not counted). Use as a listener; read {@link #peakBytes()} after the run.
 */
public final class MemoryProbe implements TrainingListener {
    private long peak;

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

    @Override public void onRunEnd(org.forwardlearn.core.train.TrainingResult result) { sample(); }

    /** Highest heap-pool peak seen in any layer (bytes). */
    public long peakBytes() { return peak; }
}
