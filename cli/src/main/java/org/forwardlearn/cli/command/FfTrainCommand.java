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
import org.forwardlearn.core.optim.OptimizerConfig;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.core.train.Schedule;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.datasets.SampleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forwardlearn ff train}: trains Hinton's forward-forward MLP (core {@link org.forwardlearn.core.ff.FfMlpTrainer}) on a labelled
 * image/tabular dataset, optionally with the backprop MLP baseline of the same size beside it.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a forward-forward MLP (layer-local goodness objectives; no backprop across layers).",
                "Writes result.json, model.flck, metrics.csv and report.html to --out."})
public final class FfTrainCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin RunOptions run;
    private long seed;

    @Option(names = "--dataset", required = true, paramLabel = "NAME",
            description = "fashion-mnist, mnist or digits (any sample-set dataset of 'data list').")
    String dataset;

    @Option(names = "--loss", paramLabel = "ff|symba",
            description = "Layer objective: ff (Hinton, threshold) or symba (alpha) (default: core FfMlpConfig.defaults()).")
    String loss;

    @Option(names = "--layers", description = "Hidden layers (default: core FfMlpConfig.defaults()).")
    Integer layers;

    @Option(names = "--hidden", description = "Units per hidden layer (default: core FfMlpConfig.defaults()).")
    Integer hidden;

    @Option(names = "--epochs", description = "Maximum epochs (default: core FfMlpConfig.defaults()).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Mini-batch size, 0 = full batch (default: core defaults).")
    Integer batchSize;

    @Option(names = "--lr", description = "Adam learning rate (default: core defaults).")
    Double lr;

    @Option(names = "--weight-decay", description = "Adam L2 weight decay (default: core defaults).")
    Double weightDecay;

    @Option(names = "--threshold", description = "Goodness threshold theta of the ff loss (default: core defaults).")
    Double threshold;

    @Option(names = "--alpha", description = "Alpha of the SymBa loss (default: core defaults).")
    Double alpha;

    @Option(names = "--patience", description = "Early-stopping patience in epochs, 0 = none (default: core defaults).")
    Integer patience;

    @Option(names = "--schedule", paramLabel = "all|greedy",
            description = "all = every batch updates every layer (Hinton); greedy = layer by layer (default: core defaults).")
    String schedule;

    @Option(names = "--skip-first-layer", description = "Leave layer 1's goodness out at inference (Hinton).")
    boolean skipFirstLayer;

    @Option(names = "--val-fraction", defaultValue = "0.1",
            description = "Fraction of the training set held out (seeded) for validation and early stopping (default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--limit-train", defaultValue = "0", description = "Use only N training samples (seeded subset; 0 = all).")
    int limitTrain;

    @Option(names = "--limit-test", defaultValue = "0", description = "Evaluate on only N test samples (0 = all).")
    int limitTest;

    @Option(names = "--baseline", paramLabel = "bp", description = "Also train the backprop MLP baseline of the same size (bp).")
    String baseline;

    @Override
    public Integer call() throws Exception {
        ForwardlearnCommand root = ForwardlearnCommand.root(spec);
        Console console = root.console();
        seed = run.seed(FfMlpConfig.defaults().seed());
        checkValues();
        FfMlpConfig cfg = config();
        RunOutput out = new RunOutput(run.out);

        SampleSet data = Datasets.loadSamples(dataset, root.dataDir());
        Splits.Labelled train = Splits.limit(data.trainX(), data.trainY(), limitTrain, seed);
        Splits.Labelled test = Splits.limit(data.testX(), data.testY(), limitTest, seed + 1);
        int[] perm = Splits.permutation(train.size(), seed ^ 0x5eedL);
        int nVal = (int) Math.round(train.size() * valFraction);
        Splits.Labelled val = Splits.rows(train.x(), train.y(), perm, 0, nVal);
        Splits.Labelled fit = Splits.rows(train.x(), train.y(), perm, nVal, train.size());
        console.status(String.format("ff train: %s, %d train / %d validation / %d test samples, %d features, %d classes, %s",
                dataset, fit.size(), val.size(), test.size(), data.numFeatures(), data.numClasses(), cfg.toMap()));

        MetricsRecorder rec = new MetricsRecorder();
        TrainingStarts.mark();
        long t0 = System.nanoTime();
        TrainingData td = TrainingData.of(new Samples(fit.x(), fit.y(), data.numClasses())).withDataset(dataset, "");
        if (nVal > 0) td = td.withValidation(new Samples(val.x(), val.y(), data.numClasses()));
        FfMlpModel model = new FfMlpTrainer(cfg).fit(td, listener(cfg, Listeners.forRun(console, "val_acc", rec, nVal > 0 ? cfg.patience() : 0)));
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        double testAcc = model.accuracy(test.x(), test.y());
        double valAcc = nVal > 0 ? model.accuracy(val.x(), val.y()) : Double.NaN;

        Map<String, String> extra = new LinkedHashMap<>(cfg.toMap());
        extra.put("val_fraction", Double.toString(valFraction));
        extra.put("limit_train", Integer.toString(limitTrain));
        extra.put("limit_test", Integer.toString(limitTest));
        RunProvenance prov = Provenances.withDataset(model.training().provenance(), extra, dataset, root.dataDir());

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("task", "ff-mlp");
        result.put("dataset", dataset);
        result.put("method", "ff");
        result.put("loss", cfg.loss());
        result.put("layers", cfg.hidden().length);
        result.put("hidden", cfg.hidden()[0]);
        result.put("test_accuracy", testAcc);
        result.put("val_accuracy", valAcc);
        result.put("train_seconds", trainSeconds);
        result.put("epochs", model.training().layers().stream().mapToInt(r -> r.epochs()).sum());
        result.put("train_samples", fit.size());
        result.put("test_samples", test.size());
        if (baseline != null) result.put("baseline", Baselines.backpropMlp(cfg, fit, val, test, data.numClasses(), console));
        result.put("provenance", Provenances.json(prov));

        out.checkpoint(model.toCheckpoint(prov));
        out.metrics(rec, "accuracy");
        out.result(result);
        out.text(RunOutput.REPORT, TrainingReport.render("forwardlearn ff train: " + dataset, result, rec, "accuracy", Map.of()));
        out.printSummary(console, flat(result));
        return 0;
    }

    /** The result without provenance, with the baseline flattened (for the table and report). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> flat(Map<String, Object> result) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : result.entrySet()) {
            if (e.getKey().equals("provenance")) continue;
            if (e.getValue() instanceof Map<?, ?> sub) {
                for (Map.Entry<String, Object> s : ((Map<String, Object>) sub).entrySet()) m.put(e.getKey() + "_" + s.getKey(), s.getValue());
            } else {
                m.put(e.getKey(), e.getValue());
            }
        }
        return m;
    }

    /** Reports ALL_LAYERS epochs as "all layers" (see {@link Listeners#allLayers}). */
    static org.forwardlearn.core.listen.TrainingListener listener(FfMlpConfig cfg, org.forwardlearn.core.listen.TrainingListener l) {
        return cfg.schedule() == Schedule.ALL_LAYERS && cfg.hidden().length > 1 ? Listeners.allLayers(l) : l;
    }

    /** Every option value, before any work (usage error, exit 2, naming the option). */
    void checkValues() {
        Checks.oneOf("--dataset", dataset, org.forwardlearn.datasets.Datasets.names().stream()
                .filter(n -> org.forwardlearn.datasets.download.Catalogue.get(n).kind()
                        == org.forwardlearn.datasets.download.DatasetEntry.Kind.SAMPLES).toList());
        Checks.oneOf("--loss", loss, java.util.List.of("ff", "symba"));
        Checks.oneOf("--schedule", schedule, java.util.List.of("all", "greedy"));
        Checks.oneOf("--baseline", baseline, java.util.List.of("bp"));
        Checks.atLeast("--layers", layers, 1);
        Checks.atLeast("--hidden", hidden, 1);
        Checks.atLeast("--epochs", epochs, 1);
        Checks.atLeast("--batch-size", batchSize, 0);
        Checks.atLeast("--patience", patience, 0);
        Checks.positive("--lr", lr);
        Checks.nonNegative("--weight-decay", weightDecay);
        Checks.finite("--threshold", threshold);
        Checks.positive("--alpha", alpha);
        if (!(valFraction >= 0 && valFraction < 1)) throw Checks.bad("--val-fraction", "a number in [0, 1)", Checks.fmt(valFraction));
        Checks.atLeast("--limit-train", limitTrain, 0);
        Checks.atLeast("--limit-test", limitTest, 0);
    }

    FfMlpConfig config() {
        FfMlpConfig c = FfMlpConfig.defaults();
        int[] dflt = c.hidden();
        if (layers != null || hidden != null) {
            int n = layers != null ? layers : dflt.length, h = hidden != null ? hidden : dflt[0];
            if (n < 1) throw CliException.usage("--layers: expected >= 1 (got " + n + ")");
            if (h < 1) throw CliException.usage("--hidden: expected >= 1 (got " + h + ")");
            int[] sizes = new int[n];
            java.util.Arrays.fill(sizes, h);
            c = c.withHidden(sizes);
        }
        if (loss != null) {
            if (!loss.equals("ff") && !loss.equals("symba")) throw CliException.usage("--loss: expected ff or symba (got '" + loss + "')");
            c = c.withLoss(loss);
        }
        c = c.withSeed(seed);
        if (epochs != null) c = c.withEpochs(epochs);
        if (batchSize != null) c = c.withBatchSize(batchSize);
        if (threshold != null) c = c.withThreshold(threshold);
        if (alpha != null) c = c.withAlpha(alpha);
        if (patience != null) c = c.withValidation(c.validateEvery(), patience);
        if (lr != null || weightDecay != null) {
            OptimizerConfig o = c.optimizer();
            c = c.withOptimizer(new OptimizerConfig(o.kind(), lr != null ? lr : o.lr(), weightDecay != null ? weightDecay : o.weightDecay(), o.momentum()));
        }
        if (schedule != null) {
            c = switch (schedule) {
                case "all" -> c.withSchedule(Schedule.ALL_LAYERS);
                case "greedy" -> c.withSchedule(Schedule.GREEDY);
                default -> throw CliException.usage("--schedule: expected all or greedy (got '" + schedule + "')");
            };
        }
        if (skipFirstLayer) c = c.withSkipFirstLayer(true);
        return c;
    }
}
