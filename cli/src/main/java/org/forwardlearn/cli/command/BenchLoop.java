package org.forwardlearn.cli.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.forwardlearn.cli.CliException;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.bench.Machine;
import org.forwardlearn.cli.bench.MemoryStats;
import org.forwardlearn.cli.bench.Timings;
import org.forwardlearn.core.kernel.Kernels;
import picocli.CommandLine.Option;

/** Warm-up, repeat, time and measure memory: the part every bench scenario shares. */
public final class BenchLoop {
    @Option(names = "--repeat", defaultValue = "3", description = "Measured runs (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--warmup", defaultValue = "1", description = "Unmeasured warm-up runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", defaultValue = "0",
            description = "Threads of the row-block parallel kernels (core Parallel) and the common fork-join pool; 0 = all available processors.")
    int threads;

    @Option(names = "--precision", paramLabel = "double|float",
            description = "Precision of dense products (core Kernels); default: -Dforwardlearn.precision, else double.")
    String precision;

    /** One measured run: what the scenario reports. */
    record Run(double wallSeconds, double trainSeconds, double secondsPerEpoch, double[] secondsPerEpochPerLayer,
               double testMetric, long epochs, double probePeakHeapMb) {
        Run(double wallSeconds, double trainSeconds, double secondsPerEpoch, double[] perLayer, double testMetric, long epochs) {
            this(wallSeconds, trainSeconds, secondsPerEpoch, perLayer, testMetric, epochs, Double.NaN);
        }
    }

    interface Scenario {
        Run runOnce() throws Exception;
    }

    /** Checks --repeat, --warmup, --threads and --precision before any work (usage error, exit 2). */
    void checkValues() {
        Checks.atLeast("--repeat", repeat, 1);
        Checks.atLeast("--warmup", warmup, 0);
        Checks.atLeast("--threads", threads, 0);
        if (precision != null && !List.of("double", "float").contains(precision.toLowerCase(Locale.ROOT))) {
            throw CliException.usage("--precision: expected double|float (got " + precision + ")");
        }
    }

    /** Sets the thread count (before anything uses the pool) and the precision; returns the parallelism in effect. */
    int applyThreads() {
        checkValues();
        if (precision != null) {
            switch (precision.toLowerCase(Locale.ROOT)) {
                case "double" -> Kernels.usePrecision(Kernels.Precision.DOUBLE);
                case "float" -> Kernels.usePrecision(Kernels.Precision.FLOAT);
                default -> throw CliException.usage("--precision: expected double|float (got " + precision + ")");
            }
        }
        org.forwardlearn.core.kernel.Parallel.setThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        return Machine.requestThreads(threads);
    }

    /** Runs warm-up and measured runs and returns bench.json's measurement part. */
    Map<String, Object> measure(Console console, String metricName, Scenario scenario) throws Exception {
        checkValues();
        for (int i = 0; i < warmup; i++) {
            Run r = scenario.runOnce();
            console.status(String.format(Locale.ROOT, "warm-up %d/%d: %.2f s, test %s %.4f", i + 1, warmup, r.wallSeconds(), metricName, r.testMetric()));
        }
        MemoryStats.resetHeapPeaks();
        List<Run> runs = new ArrayList<>();
        double sampled;
        try (MemoryStats.Sampler sampler = MemoryStats.startSampler(5)) {
            for (int i = 0; i < repeat; i++) {
                Run r = scenario.runOnce();
                runs.add(r);
                console.status(String.format(Locale.ROOT, "run %d/%d: %.2f s (%.4f s/epoch), test %s %.4f", i + 1, repeat, r.wallSeconds(),
                        r.secondsPerEpoch(), metricName, r.testMetric()));
            }
            sampled = sampler.peakMb();
        }
        List<Double> wall = new ArrayList<>(), train = new ArrayList<>(), spe = new ArrayList<>(), metric = new ArrayList<>();
        for (Run r : runs) { wall.add(r.wallSeconds()); train.add(r.trainSeconds()); spe.add(r.secondsPerEpoch()); metric.add(r.testMetric()); }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median_seconds", Timings.median(wall));
        m.put("spread", Timings.spread(wall));
        m.put("seconds", wall);
        m.put("median_train_seconds", Timings.median(train));
        m.put("seconds_per_epoch", Timings.median(spe));
        int layers = runs.get(0).secondsPerEpochPerLayer().length;
        List<Double> perLayer = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            List<Double> v = new ArrayList<>();
            for (Run r : runs) if (l < r.secondsPerEpochPerLayer().length) v.add(r.secondsPerEpochPerLayer()[l]);
            perLayer.add(Timings.median(v));
        }
        m.put("seconds_per_epoch_per_layer", perLayer);
        m.put("epochs", runs.get(runs.size() - 1).epochs());
        m.put("peak_rss_mb", MemoryStats.peakRssMb());
        m.put("peak_heap_mb", MemoryStats.peakHeapMb());
        m.put("sampled_peak_heap_mb", sampled);
        double probe = Double.NaN;
        for (Run r : runs) if (!Double.isNaN(r.probePeakHeapMb())) probe = Double.isNaN(probe) ? r.probePeakHeapMb() : Math.max(probe, r.probePeakHeapMb());
        if (!Double.isNaN(probe)) m.put("probe_peak_heap_mb", probe);
        m.put("test_" + metricName, Timings.median(metric));
        m.put("test_" + metricName + "_runs", metric);
        m.put("backend", Kernels.describe());
        m.put("precision", Kernels.precision().name().toLowerCase(Locale.ROOT));
        m.put("threads", threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        m.put("repeat", repeat);
        m.put("warmup", warmup);
        m.put("machine", Machine.describe());
        return m;
    }
}
