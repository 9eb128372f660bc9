package org.forwardlearn.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.cli.io.JsonFiles;
import org.forwardlearn.cli.report.TextTable;
import org.forwardlearn.core.listen.DivergenceGuard;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.forwardgnn.MemoryProbe;
import org.forwardlearn.core.train.LayerReport;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.Task;
import org.forwardlearn.forwardgnn.GnnResult;
import org.forwardlearn.forwardgnn.graph.GraphData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forwardlearn bench gnn}: a GNN scenario run after warm-up K times; writes bench.json (median and
 * spread of wall time, seconds per epoch overall and per layer, peak RSS, peak heap, test metric, backend,
 * threads). With --epochs N every layer trains exactly N epochs (no early stopping); without it, the full
 * protocol (early stopping) runs.
 */
@Command(name = "gnn", mixinStandardHelpOptions = true,
        description = {"Benchmark a GNN scenario: warm-up, then --repeat timed runs; writes DIR/bench.json.",
                "--epochs N: exactly N epochs per layer (no early stopping); default: the full protocol."},
        footer = {"", "Example: FORWARDLEARN_JAVA_OPTS=-Xmx1g bin/forwardlearn bench gnn --dataset citationfull-cora_ml --method sf --conv gcn "
                + "--layers 2 --split 0 --repeat 5 --out runs/bench-sf"})
public final class BenchGnnCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RunOptions run;
    @Mixin GnnOptions gnn;
    @Mixin BenchLoop loop;
    @Mixin GeneratedGraphOptions generated;

    @Option(names = "--dataset", defaultValue = "citationfull-cora_ml", description = "Graph dataset (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(names = "--method", description = "Method (default: sf for node, fl-ce for link).")
    String method;

    @Option(names = "--conv", defaultValue = "gcn", description = "gcn, sage or gat (default: ${DEFAULT-VALUE}).")
    String conv;

    @Option(names = "--layers", defaultValue = "2", description = "Layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--split", defaultValue = "0", description = "Split index (default: ${DEFAULT-VALUE}).")
    int split;

    @Option(names = "--memory-probe", defaultValue = "layer", paramLabel = "none|layer|epoch",
            description = "forwardgnn MemoryProbe: heap-pool peaks with a collection forced between layers (layer) or after every "
                    + "epoch (epoch; slower, deterministic with a large young generation) -> probe_peak_heap_mb (default: ${DEFAULT-VALUE}).")
    String memoryProbe;

    @Override
    public Integer call() throws Exception {
        ForwardlearnCommand root = ForwardlearnCommand.root(spec);
        Console console = root.console();
        String m = method != null ? method : gnn.kind().defaultMethod();
        GnnOptions.check(gnn.kind(), m, conv);
        gnn.checkValues(java.util.List.of(conv));
        Checks.atLeast("--layers", layers, 1);
        if (!generated.generates(dataset)) GnnRunner.checkDataset("--dataset", dataset); // a generated graph is checked by its options
        GnnRunner.checkSplit("--split", gnn.kind(), split, null);
        Checks.oneOf("--memory-probe", memoryProbe, java.util.List.of("none", "layer", "epoch"));
        loop.checkValues();
        run.prepareOut();
        int parallelism = loop.applyThreads();
        GnnConfig base = gnn.base(run.seed).withMethod(m).withConv(conv).withLayers(layers).withSplit(split)
                .withDataDir(root.dataDir()).withDataset(dataset);
        boolean fixed = gnn.epochs != null;
        if (fixed) base = base.withPatience(0);
        GnnConfig cfg = base;
        long t0 = System.nanoTime();
        GeneratedGraphOptions.Generated gen = generated.generates(dataset) ? generated.generate(dataset, DemoCommand.dataSeed(run.seed(0))) : null;
        GraphData g = gen != null ? gen.graph() : GnnRunner.load(dataset, root.dataDir(), gnn.kind(), "--split", split);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        String metric = GnnRunner.metricName(cfg);
        console.status(String.format("bench gnn: %s %s-%s x%d on %s split %d, %s, %d warm-up + %d runs, fork-join parallelism %d",
                cfg.task(), m, conv, layers, dataset, split, fixed ? cfg.epochs() + " epochs per layer" : "full protocol",
                loop.warmup, loop.repeat, parallelism));
        if (!java.util.List.of("none", "layer", "epoch").contains(memoryProbe)) {
            throw org.forwardlearn.cli.CliException.usage("--memory-probe: expected none, layer or epoch (got '" + memoryProbe + "')");
        }
        @SuppressWarnings("unchecked")
        Map<String, Long>[] ledger = new Map[1];
        java.util.List<Double> cpuPerEpoch = new java.util.ArrayList<>();
        Map<String, Object> measured = loop.measure(console, metric, () -> {
            MemoryProbe probe = memoryProbe.equals("none") ? null : memoryProbe.equals("epoch") ? MemoryProbe.everyEpoch() : new MemoryProbe();
            long s = System.nanoTime();
            double cpu0 = processCpuSeconds();
            GnnResult r = GnnRunner.run(cfg, g, probe == null ? new DivergenceGuard() : TrainingListener.of(new DivergenceGuard(), probe));
            double wall = (System.nanoTime() - s) / 1e9;
            double[] perLayer = new double[r.training().layers().size()];
            long epochs = 0;
            for (int i = 0; i < perLayer.length; i++) {
                LayerReport lr = r.training().layers().get(i);
                perLayer[i] = lr.secondsPerEpoch();
                epochs += lr.epochs();
            }
            double test = cfg.task() == Task.LINK ? r.testAuc() : r.testAccuracy();
            ledger[0] = r.memoryLedger();
            cpuPerEpoch.add((processCpuSeconds() - cpu0) / Math.max(1, epochs));
            return new BenchLoop.Run(wall, r.trainSeconds(), r.secondsPerEpoch(), perLayer, test, epochs,
                    probe == null ? Double.NaN : probe.peakBytes() / (1024.0 * 1024.0));
        });
        Map<String, Object> bench = new LinkedHashMap<>();
        bench.put("scenario", scenario(cfg, fixed));
        bench.put("load_seconds", loadSeconds);
        bench.put("memory_probe", memoryProbe);
        if (gen != null) {
            bench.put("generation_seconds", gen.seconds());
            bench.put("generated_graph", gen.parameters());
            if (cfg.task() == Task.NODE) {
                bench.put("features_only_test_accuracy", org.forwardlearn.forwardgnn.eval.FeatureBaseline.nearestMeanAccuracy(
                        g.withRowSumNormalizedFeatures(), org.forwardlearn.forwardgnn.GnnExperiment.split(cfg, g)));
            }
        }
        bench.putAll(measured);
        bench.put("config", org.forwardlearn.cli.io.JsonFiles.typed(cfg.toMap()));
        bench.put("cpu_seconds_per_epoch", org.forwardlearn.cli.bench.Timings.median(cpuPerEpoch));
        if (ledger[0] != null && !ledger[0].isEmpty()) {
            Map<String, Object> led = new LinkedHashMap<>(new java.util.TreeMap<>(ledger[0]));
            long total = GnnResult.ledgerBytes(ledger[0]);
            led.put("total", total);
            bench.put("memory_ledger_bytes", led);
            bench.put("memory_ledger_mb", total / (1024.0 * 1024.0));
        }
        if (run.out != null) {
            JsonFiles.write(run.out.resolve("bench.json"), bench);
        }
        console.endLine();
        console.out().print(TextTable.of(summary(bench)).render());
        console.out().flush();
        if (run.out != null) console.status("wrote " + run.out.resolve("bench.json"));
        return 0;
    }

    /** CPU time of the whole process (all threads), seconds: what a run costs on a shared machine. */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() * 1e-9 : Double.NaN;
    }

    static String scenario(GnnConfig c, boolean fixed) {
        return String.format("gnn-%s/%s/%s-%s/L%d/split%d/%s", c.task(), c.dataset(), c.method(), c.conv(), c.layers(), c.split(),
                fixed ? c.epochs() + "-epochs" : "full-protocol");
    }

    /** The scalar part of bench.json, for the stdout table. */
    static Map<String, Object> summary(Map<String, Object> bench) {
        Map<String, Object> s = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : bench.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof java.util.List<?>) continue;
            s.put(e.getKey(), e.getValue());
        }
        return s;
    }
}
