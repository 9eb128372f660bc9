package org.forwardlearn.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.progress.MetricsRecorder;
import org.forwardlearn.cli.progress.PffProgress;
import org.forwardlearn.cli.report.TrainingReport;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.physical.PhysicalExperiment;
import org.forwardlearn.physical.PhysicalResult;

/** Runs one physical experiment and writes result.json, metrics.csv and report.html (shared by train, compare, bench). */
final class PhysicalRunner {
    /** The PFF checkpoint in the output folder (what --resume continues from). */
    static final String CHECKPOINT = "pff-checkpoint.bin";

    private PhysicalRunner() {}

    record Outcome(PhysicalResult result, Map<String, Object> map, MetricsRecorder metrics) {}

    static Outcome run(PhysicalExperiment.Config cfg, Console console, boolean showProgress) {
        MetricsRecorder rec = new MetricsRecorder();
        PffProgress progress = new PffProgress(showProgress ? console : quiet(console), rec);
        TrainingStarts.mark();
        PhysicalResult r;
        try {
            r = new PhysicalExperiment(cfg).run(progress);
        } catch (IllegalArgumentException e) {
            String options = differingOptions(e.getMessage());
            if (options.isEmpty()) throw e;
            throw new IllegalArgumentException(e.getMessage() + " [differing options: " + options + "]", e);
        }
        if (rec.epochs().isEmpty()) {
            // baselines report their history only at the end
            for (double[] e : r.epochs()) {
                rec.onEpochEnd(new EpochStats(-1, (int) e[0], Math.max(1, cfg.epochs()), e[1], e[2], Double.NaN, e[3]));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>(r.toMap());
        m.remove("epochs");
        m.put("task", "physical");
        m.put("provenance", Provenances.json(Provenances.withDataset(r.provenance(), Map.of(), cfg.dataset(), cfg.dataDir())));
        return new Outcome(r, m, rec);
    }

    static void write(RunOutput out, Outcome o, String title) throws IOException {
        if (!out.enabled()) return;
        out.result(o.map());
        out.metrics(o.metrics(), "accuracy");
        out.text(RunOutput.REPORT, TrainingReport.render(title, o.map(), o.metrics(), "accuracy", Map.of()));
    }

    /** Fingerprint keys of a PFF checkpoint and the options that set them. */
    private static final Map<String, String> OPTION_OF = Map.ofEntries(Map.entry("lr", "--lr"), Map.entry("optimizer", "--optimizer"),
            Map.entry("epochs", "--epochs"), Map.entry("trainer.max_epochs", "--epochs"), Map.entry("hidden", "--hidden"),
            Map.entry("alpha", "--alpha"), Map.entry("seed", "--seed"), Map.entry("noise", "--noise"), Map.entry("drift", "--drift"),
            Map.entry("redrawAfterSamples", "--redraw"), Map.entry("blocks", "--blocks"), Map.entry("train", "--limit-train"),
            Map.entry("data", "--dataset/--seed/--vowel-protocol/--limit-train"));

    /**
     * The CLI options behind the differences a refused resume lists ("key='run' (checkpoint: 'saved')"), e.g. "--lr, --noise";
     * "" when the message is not such a refusal.
     */
    static String differingOptions(String message) {
        if (message == null || !message.contains("to come from a run with this configuration")) return "";
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|[ (:;])([A-Za-z0-9_.]+)='").matcher(message);
        while (m.find()) {
            String key = m.group(1);
            String last = key.startsWith("device.") ? key.substring(key.lastIndexOf('.') + 1) : key;
            String opt = OPTION_OF.get(key.startsWith("device.") ? last : key);
            if (opt != null) found.add(opt);
        }
        return String.join(", ", found);
    }

    static Path checkpoint(Path outDir) {
        return outDir == null ? null : outDir.resolve(CHECKPOINT);
    }

    private static Console quiet(Console c) {
        Console q = new Console(c.out(), c.err(), c.terminal());
        q.progressMode(Console.ProgressMode.NONE);
        return q;
    }

    static List<String> resultKeys() {
        return List.of("test_accuracy", "val_accuracy", "device_queries", "digital_macs", "train_seconds");
    }
}
