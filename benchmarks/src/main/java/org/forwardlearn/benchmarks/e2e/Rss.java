package org.forwardlearn.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Process memory from /proc/self/status (Linux): VmHWM is the peak resident set of this JVM. */
public final class Rss {
    private Rss() { }

    /** Peak resident set size in MB, or NaN when /proc is unavailable. */
    public static double peakMb() { return field("VmHWM:"); }

    /** Current resident set size in MB, or NaN. */
    public static double currentMb() { return field("VmRSS:"); }

    private static double field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) return Long.parseLong(line.substring(name.length()).replace("kB", "").trim()) / 1024.0;
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Sum over heap pools of their peak usage since the JVM started or the last reset (MB). */
    public static double heapPoolPeaksMb() {
        long s = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) s += p.getPeakUsage().getUsed();
        return s / (1024.0 * 1024.0);
    }
}
