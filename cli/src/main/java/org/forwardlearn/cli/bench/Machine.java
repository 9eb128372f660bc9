package org.forwardlearn.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/** What machine a benchmark ran on, and the thread setting. */
public final class Machine {
    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private Machine() {}

    /**
     * Asks for {@code threads} worker threads in the common fork-join pool (parallel streams: the caller
     * plus threads-1 workers). Effective only before the pool is first used, as with {@code java -jar};
     * returns the parallelism in effect.
     */
    public static int requestThreads(int threads) {
        if (threads > 0) System.setProperty(PARALLELISM, Integer.toString(Math.max(0, threads - 1)));
        return ForkJoinPool.getCommonPoolParallelism();
    }

    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu", cpuModel());
        m.put("available_processors", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.version") + " " + System.getProperty("java.vm.name"));
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024.0 * 1024.0));
        m.put("common_pool_parallelism", ForkJoinPool.getCommonPoolParallelism());
        return m;
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (Exception e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
