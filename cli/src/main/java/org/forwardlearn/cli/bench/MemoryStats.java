package org.forwardlearn.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory high-water marks of this JVM:
 * <ul>
 * <li>peak RSS: {@code VmHWM} of /proc/self/status (the whole process since start; Linux only, else NaN);</li>
 * <li>peak heap: the sum of the heap memory pools' peak usage (MemoryPoolMXBean; an upper bound, the pools
 * peak at different times), reset by {@link #resetHeapPeaks()};</li>
 * <li>sampled peak heap: the largest total heap in use seen by a sampler thread ({@link #startSampler}).</li>
 * </ul>
 */
public final class MemoryStats {
    private static final double MB = 1024.0 * 1024.0;

    private MemoryStats() {}

    /** VmHWM in MB, or NaN when /proc/self/status is not readable. */
    public static double peakRssMb() {
        return procStatusKb("VmHWM:") / 1024.0;
    }

    /** VmRSS in MB, or NaN. */
    public static double rssMb() {
        return procStatusKb("VmRSS:") / 1024.0;
    }

    static double procStatusKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    String[] p = line.substring(key.length()).trim().split("\\s+");
                    return Double.parseDouble(p[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Double.NaN;
    }

    /** Sum of the heap pools' peak usage, in MB. */
    public static double peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) sum += p.getPeakUsage().getUsed();
        }
        return sum / MB;
    }

    /** Current heap in use, in MB. */
    public static double heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MB;
    }

    /** Collects garbage, then resets every heap pool's peak to its current usage. */
    public static void resetHeapPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        }
    }

    /** A daemon thread sampling total heap use every {@code millis} ms; close it to stop. */
    public static Sampler startSampler(long millis) {
        return new Sampler(millis);
    }

    /** Samples heap use in the background; {@link #peakMb()} is the largest value seen. */
    public static final class Sampler implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        Sampler(long millis) {
            thread = new Thread(() -> {
                while (running) {
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    peak.accumulateAndGet(used, Math::max);
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "forwardlearn-heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        public double peakMb() { return peak.get() / MB; }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
