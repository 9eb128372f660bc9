package org.forwardlearn.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.forwardlearn.cli.CliException;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.cli.progress.MetricsRecorder;
import org.forwardlearn.cli.report.TrainingReport;
import org.forwardlearn.core.data.Samples;
import org.forwardlearn.core.data.TrainingData;
import org.forwardlearn.core.ff.FfMlpTrainer;
import org.forwardlearn.core.ff.FfMlpConfig;
import org.forwardlearn.core.ff.FfMlpModel;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.datasets.SampleSet;
import org.forwardlearn.datasets.generate.Csbm;
import org.forwardlearn.datasets.generate.GaussianClusters;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.GnnResult;
import org.forwardlearn.forwardgnn.graph.GraphData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forwardlearn demo}: the README's quick start. No download and no data folder: it generates a
 * contextual stochastic block model graph and trains a 2-layer GCN with ForwardGNN's single-forward (SF)
 * method, layer by layer, showing progress and a result table ({@code --model ff}: a forward-forward MLP on
 * generated labelled Gaussian clusters instead).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train on an embedded generated dataset (no download, no data folder): by default SF-GCN on a",
                "contextual stochastic block model graph; --model ff: a forward-forward MLP on Gaussian clusters."})
public final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RunOptions run;

    @Option(names = "--model", defaultValue = "sf", paramLabel = "sf|ff",
            description = "sf (single-forward GCN on a generated graph) or ff (forward-forward MLP on generated clusters) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--nodes", defaultValue = "2000", description = "Generated nodes (sf) (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--classes", defaultValue = "5", description = "Classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--features", defaultValue = "32", description = "Features per node / sample (default: ${DEFAULT-VALUE}).")
    int features;

    @Option(names = "--signal", defaultValue = "1.0",
            description = "Class signal in the features, in noise standard deviations (default: ${DEFAULT-VALUE}).")
    double signal;

    @Option(names = "--degree", defaultValue = "10", description = "Average degree (sf) (default: ${DEFAULT-VALUE}).")
    double degree;

    @Option(names = "--homophily", defaultValue = "0.8", description = "Fraction of edges inside classes (sf) (default: ${DEFAULT-VALUE}).")
    double homophily;

    @Option(names = "--layers", defaultValue = "2", description = "Layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--epochs", defaultValue = "200", description = "Maximum epochs per layer (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.01", description = "Adam learning rate (sf) (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--dataset", paramLabel = "csbm|csbm-products",
            description = "sf: generate with the streaming CSBM (one int CSR, exact edge count): csbm with --nodes/--edges/--features/"
                    + "--classes/--homophily/--signal, or the preset csbm-products (the size of ogbn-products, its split sizes). "
                    + "Default: the small CSBM of --nodes and --degree.")
    String dataset;

    @Option(names = "--edges", description = "sf with --dataset csbm: exact number of undirected edges (default: nodes x degree / 2).")
    Long edges;

    @Option(names = "--threads", defaultValue = "0", description = "Threads of the parallel kernels; 0 = all available processors (default).")
    int threads;

    @Override
    public Integer call() throws Exception {
        Console console = ForwardlearnCommand.root(spec).console();
        long seed = run.seed(0);
        checkValues();
        run.prepareOut();
        return switch (model) {
            case "sf" -> sf(console, seed);
            case "ff" -> ff(console, seed);
            default -> throw CliException.usage("--model: expected sf or ff (got '" + model + "')");
        };
    }

    /** Every option value, before any work (usage error, exit 2, naming the option). */
    void checkValues() {
        Checks.oneOf("--model", model, java.util.List.of("sf", "ff"));
        Checks.atLeast("--classes", classes, 2);
        Checks.atLeast("--nodes", nodes, 10 * classes);
        Checks.atLeast("--features", features, 1);
        Checks.nonNegative("--signal", signal);
        if (!(degree > 0 && degree < nodes)) throw Checks.bad("--degree", "a number in (0, --nodes)", Checks.fmt(degree));
        Checks.between("--homophily", homophily, 0, 1);
        Checks.atLeast("--layers", layers, 1);
        Checks.atLeast("--epochs", epochs, 1);
        Checks.positive("--lr", lr);
    }

    private int sf(Console console, long seed) throws Exception {
        if (threads < 0) throw CliException.usage("--threads: expected >= 0 (got " + threads + ")");
        org.forwardlearn.core.kernel.Parallel.setThreads(threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        if (dataset != null || edges != null) return streamed(console, seed);
        Map<String, String> gen = new LinkedHashMap<>();
        gen.put("generator", "csbm");
        gen.put("nodes", Integer.toString(nodes));
        gen.put("classes", Integer.toString(classes));
        gen.put("features", Integer.toString(features));
        gen.put("signal", Double.toString(signal));
        gen.put("average_degree", Double.toString(degree));
        gen.put("homophily", Double.toString(homophily));
        gen.put("generator_seed", Long.toString(dataSeed(seed)));
        GraphData g = nonNegative(GraphData.from(Csbm.builder().nodes(nodes).classes(classes).features(features).signal(signal)
                .averageDegree(degree, homophily).seed(dataSeed(seed)).build().generate("csbm")));
        console.status(String.format("demo: SF-GCN x%d on a generated contextual SBM graph (%d nodes, %d edges, %d classes, "
                + "%d features, signal %.2f, homophily %.2f), seed %d", layers, g.numNodes(), g.topology().numEdges(), classes,
                features, signal, homophily, seed));
        GnnConfig cfg = GnnConfig.defaults().withMethod("sf").withConv("gcn").withLayers(layers).withEpochs(epochs)
                .withPatience(Math.max(10, epochs / 10)).withSeed(seed).withSplit(0).withLr(lr);
        MetricsRecorder rec = new MetricsRecorder();
        GnnResult r = GnnRunner.run(cfg, g, Listeners.forRun(console, "val_acc", rec, GnnRunner.patienceEpochs(cfg)));
        Map<String, Object> result = GnnRunner.resultMap(r, null, gen);
        result.put("dataset", "csbm (generated)");
        RunOutput out = new RunOutput(run.out);
        GnnRunner.writeAll(out, r, g, result, rec);
        out.printSummary(console, FfTrainCommand.flat(result));
        return 0;
    }

    /** SF-GCN on a streaming-CSBM graph (--dataset csbm|csbm-products). */
    private int streamed(Console console, long seed) throws Exception {
        String name = dataset == null ? "csbm" : dataset;
        if (!name.equals("csbm") && !name.equals(GeneratedGraphOptions.PRESET)) {
            throw CliException.usage("--dataset: expected csbm or " + GeneratedGraphOptions.PRESET + " (got '" + name + "')");
        }
        GeneratedGraphOptions o = new GeneratedGraphOptions();
        boolean preset = name.equals(GeneratedGraphOptions.PRESET);
        if (!preset) {
            o.nodes = nodes; o.classes = classes; o.features = features; o.signal = signal; o.homophily = homophily;
            o.edges = edges != null ? edges : Math.round(nodes * degree / 2);
        }
        GeneratedGraphOptions.Generated gen = o.generate(name, dataSeed(seed));
        GraphData g = gen.graph();
        console.status(String.format("demo: SF-GCN x%d on a generated %s graph (%d nodes, %d directed edges, %d classes, %d features), "
                + "generated in %.1f s, seed %d", layers, name, g.numNodes(), g.topology().numEdges(), g.numClasses(), g.features().cols(),
                gen.seconds(), seed));
        GnnConfig cfg = GnnConfig.defaults().withMethod("sf").withConv("gcn").withLayers(layers).withEpochs(epochs)
                .withPatience(Math.max(10, epochs / 10)).withSeed(seed).withSplit(g.publicSplit() != null ? -1 : 0).withLr(lr)
                .withDataset(name);
        MetricsRecorder rec = new MetricsRecorder();
        GnnResult r = GnnRunner.run(cfg, g, Listeners.forRun(console, "val_acc", rec, GnnRunner.patienceEpochs(cfg)));
        Map<String, String> genMap = new LinkedHashMap<>();
        gen.parameters().forEach((k, v) -> genMap.put(k, String.valueOf(v)));
        Map<String, Object> result = GnnRunner.resultMap(r, null, genMap);
        result.put("dataset", name + " (generated)");
        result.put("generation_seconds", gen.seconds());
        RunOutput out = new RunOutput(run.out);
        GnnRunner.writeAll(out, r, g, result, rec);
        out.printSummary(console, FfTrainCommand.flat(result));
        return 0;
    }

    private int ff(Console console, long seed) throws Exception {
        int trainPerClass = 400, testPerClass = 100;
        SampleSet data = GaussianClusters.generate("gaussian-clusters", classes, features, trainPerClass, testPerClass,
                3.0 * signal, dataSeed(seed));
        Splits.Labelled train = new Splits.Labelled(data.trainX(), data.trainY());
        int[] perm = Splits.permutation(train.size(), seed ^ 0x5eedL);
        int nVal = train.size() / 10;
        Splits.Labelled val = Splits.rows(train.x(), train.y(), perm, 0, nVal);
        Splits.Labelled fit = Splits.rows(train.x(), train.y(), perm, nVal, train.size());
        FfMlpConfig cfg = FfMlpConfig.defaults().withHidden(repeat(128, layers)).withEpochs(Math.min(epochs, 30)).withBatchSize(100)
                .withSeed(seed);
        console.status(String.format("demo: forward-forward MLP %s on generated Gaussian clusters (%d train, %d validation, %d test, "
                + "%d features, %d classes), seed %d", java.util.Arrays.toString(cfg.hidden()), fit.size(), val.size(),
                data.numTest(), features, classes, seed));
        MetricsRecorder rec = new MetricsRecorder();
        TrainingStarts.mark();
        long t0 = System.nanoTime();
        FfMlpModel m = new FfMlpTrainer(cfg).fit(TrainingData.of(new Samples(fit.x(), fit.y(), classes))
                        .withValidation(new Samples(val.x(), val.y(), classes)).withDataset("gaussian-clusters", ""),
                FfTrainCommand.listener(cfg, Listeners.forRun(console, "val_acc", rec, cfg.patience())));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("generator", "gaussian-clusters");
        extra.put("separation", Double.toString(3.0 * signal));
        RunProvenance prov = Provenances.withDataset(m.training().provenance(), extra, "gaussian-clusters", null);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("task", "ff-mlp");
        result.put("dataset", "gaussian-clusters (generated)");
        result.put("method", "ff");
        result.put("loss", cfg.loss());
        result.put("test_accuracy", m.accuracy(data.testX(), data.testY()));
        result.put("val_accuracy", m.accuracy(val.x(), val.y()));
        result.put("train_seconds", seconds);
        result.put("provenance", Provenances.json(prov));
        RunOutput out = new RunOutput(run.out);
        out.checkpoint(m.toCheckpoint(prov));
        out.metrics(rec, "accuracy");
        out.result(result);
        out.text(RunOutput.REPORT, TrainingReport.render("forwardlearn demo (ff)", result, rec, "accuracy", Map.of()));
        out.printSummary(console, FfTrainCommand.flat(result));
        return 0;
    }

    /**
     * The CSBM's Gaussian features shifted by their global minimum so that they are non-negative: the
     * experiment scales feature rows to sum 1 (PyG's NormalizeFeatures, which also subtracts the minimum),
     * which is meaningless for rows that sum to about zero.
     */
    static GraphData nonNegative(GraphData g) {
        org.ejml.data.DMatrixRMaj x = g.features().toDense();
        double min = org.ejml.dense.row.CommonOps_DDRM.elementMin(x);
        if (min < 0) org.ejml.dense.row.CommonOps_DDRM.add(x, -min);
        return new GraphData(g.id(), g.topology(), org.forwardlearn.forwardgnn.graph.NodeMatrix.sparse(org.forwardlearn.forwardgnn.graph.Csr.fromDense(x)), g.labels(), g.numClasses());
    }

    /**
     * The generator's seed, derived from --seed but different from it: the generator and the split both
     * draw a permutation from a SplittableRandom, and with the same seed the split would follow the
     * generator's class blocks (validation = one class).
     */
    static long dataSeed(long seed) {
        return seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }

    static int[] repeat(int v, int n) {
        if (n < 1) throw CliException.usage("--layers: expected >= 1 (got " + n + ")");
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
