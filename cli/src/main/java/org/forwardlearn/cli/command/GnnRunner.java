package org.forwardlearn.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forwardlearn.cli.io.CsvFile;
import org.forwardlearn.cli.progress.MetricsRecorder;
import org.forwardlearn.cli.report.TrainingReport;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.Task;
import org.forwardlearn.forwardgnn.GnnExperiment;
import org.forwardlearn.forwardgnn.GnnResult;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;

/** Runs a forwardgnn experiment and writes its outputs (shared by gnn train, gnn table, bench gnn and demo). */
final class GnnRunner {
    private GnnRunner() {}

    /** The catalogue's graph datasets (what --dataset accepts). */
    static List<String> graphNames() {
        return Datasets.names().stream().filter(Datasets::isGraph).toList();
    }

    /** A usage error (exit 2) unless {@code name} is a graph dataset of the catalogue. */
    static void checkDataset(String option, String name) {
        Checks.oneOf(option, name, graphNames());
    }

    /**
     * A usage error (exit 2) unless {@code split} is a split of {@code raw} for the task: 0..4 (ForwardGNN's seeded
     * splits; link prediction: seeded edge splits), or, for node classification, -1 when the dataset has a public
     * split (Planetoid's cora, citeseer, pubmed). With {@code raw} null (dataset not loaded yet) -1 passes for node
     * classification: it is checked again once the dataset is loaded.
     */
    static void checkSplit(String option, Task task, int split, org.forwardlearn.datasets.graph.Graph raw) {
        checkSplit(option, task, split, raw, org.forwardlearn.forwardgnn.SplitProtocol.FORWARD_GNN);
    }

    /** {@link #checkSplit(String, Task, int, org.forwardlearn.datasets.graph.Graph)} for the runs of a split protocol. */
    static void checkSplit(String option, Task task, int split, org.forwardlearn.datasets.graph.Graph raw, String protocol) {
        int max = org.forwardlearn.forwardgnn.SplitProtocol.runs(protocol) - 1;
        if (split >= 0 && split <= max) return;
        if (raw == null) {
            if (split == -1 && task == Task.NODE) return;
            throw Checks.bad(option, "0.." + max + " (the seeded splits)" + (task == Task.NODE ? " or -1 (the dataset's public split)" : ""), split);
        }
        boolean publicSplit = task == Task.NODE && raw.publicSplit().isPresent();
        if (split == -1 && publicSplit) return;
        String expected = "0.." + max + " (the seeded splits)" + (publicSplit ? " or -1 (" + raw.name() + "'s public split)"
                : ", " + raw.name() + " has no public split (-1)" + (task == Task.NODE ? "" : " for link prediction"));
        throw Checks.bad(option, expected, split);
    }

    /** Loads a named graph from the data folder. */
    static GraphData load(String dataset, Path dataDir) {
        return load(dataset, dataDir, null, null);
    }

    /** Loads a named graph and, as soon as it is known, checks the requested splits against it (see {@link #checkSplit}). */
    static GraphData load(String dataset, Path dataDir, Task task, String splitOption, int... splits) {
        return load(dataset, dataDir, task, splitOption, org.forwardlearn.forwardgnn.SplitProtocol.FORWARD_GNN, splits);
    }

    /** {@link #load(String, Path, Task, String, int...)} with the splits checked against the runs of {@code protocol}. */
    static GraphData load(String dataset, Path dataDir, Task task, String splitOption, String protocol, int... splits) {
        org.forwardlearn.datasets.graph.Graph raw = Datasets.loadGraph(dataset, dataDir);
        if (splitOption != null) for (int s : splits) checkSplit(splitOption, task, s, raw, protocol);
        GraphData g = GraphData.from(raw);
        // generated graphs have Gaussian (signed) features: shift them non-negative before the experiment's
        // row-sum normalisation (as PyG's NormalizeFeatures does), see DemoCommand.nonNegative
        return Datasets.isGraph(dataset) && org.forwardlearn.datasets.download.Catalogue.get(dataset).files().isEmpty()
                ? DemoCommand.nonNegative(g) : g;
    }

    /** Trains with the given (already loaded) graph. */
    static GnnResult run(GnnConfig cfg, GraphData g, TrainingListener listener) {
        TrainingStarts.mark();
        return new GnnExperiment(cfg.withGraph(g)).run(listener);
    }

    /** The trainer's early-stopping patience in epochs (the config counts validations). */
    static int patienceEpochs(GnnConfig cfg) {
        return new GnnExperiment(cfg).trainerConfig().patience();
    }

    static String metricName(GnnConfig cfg) {
        return cfg.task().metric();
    }

    /** result.json content: the library's map, provenance completed with the dataset checksum and the data folder. */
    static Map<String, Object> resultMap(GnnResult r, Path dataDir, Map<String, String> extra) {
        Map<String, Object> m = new LinkedHashMap<>(r.toMap());
        RunProvenance p = Provenances.withDataset(r.provenance(), extra, r.config().dataset(), dataDir);
        m.put("provenance", Provenances.json(p));
        return m;
    }

    /** Writes model.flck, result.json, predictions.csv, metrics.csv and report.html. */
    static void writeAll(RunOutput out, GnnResult r, GraphData g, Map<String, Object> result, MetricsRecorder rec)
            throws IOException {
        if (!out.enabled()) return;
        GnnConfig cfg = r.config();
        String metric = metricName(cfg);
        out.checkpoint(r.model().toCheckpoint());
        out.result(result);
        out.metrics(rec, metric);
        Map<String, Object> index = splitIndex(cfg, g);
        if (index != null) org.forwardlearn.cli.io.JsonFiles.write(out.file(SPLIT_FILE), index);
        if (cfg.task() == Task.NODE && r.predictions() != null && r.predictions().length == g.numNodes()) {
            predictions(r, g).write(out.file(RunOutput.PREDICTIONS));
        }
        Map<String, double[]> perLayer = perLayer(r);
        String title = "forwardlearn gnn " + cfg.task() + ": " + cfg.method() + "-" + cfg.conv() + " x" + cfg.layers() + " on "
                + cfg.dataset() + " (split " + cfg.split() + ")";
        out.text(RunOutput.REPORT, TrainingReport.render(title, result, rec, metric, perLayer));
    }

    /** The split's index file written next to the results (node task). */
    static final String SPLIT_FILE = "split.json";

    /** The index file of the split a node run trained on (protocol, index, seed, node ids), or null (link task). */
    static Map<String, Object> splitIndex(GnnConfig cfg, GraphData g) {
        if (cfg.task() != Task.NODE) return null;
        String protocol = cfg.split() < 0 ? "public" : cfg.splitProtocol();
        return org.forwardlearn.forwardgnn.SplitProtocol.indexFile(protocol, cfg.split(), cfg.seed(), cfg.dataset(),
                GnnExperiment.split(cfg, g));
    }

    /** predictions.csv: node, label, predicted, split (train/val/test/none), correct. */
    static CsvFile predictions(GnnResult r, GraphData g) {
        Split s = GnnExperiment.split(r.config(), g);
        String[] part = new String[g.numNodes()];
        java.util.Arrays.fill(part, "none");
        for (int i : s.train()) part[i] = "train";
        for (int i : s.val()) part[i] = "val";
        for (int i : s.test()) part[i] = "test";
        CsvFile csv = new CsvFile("node", "label", "predicted", "split", "correct");
        int[] p = r.predictions(), y = g.labels();
        for (int i = 0; i < p.length; i++) csv.row(i, y[i], p[i], part[i], p[i] == y[i] ? 1 : 0);
        return csv;
    }

    /** The report's per-layer curves: validation and test metric of the model made of layers 1..l (empty if none). */
    static Map<String, double[]> perLayer(GnnResult r) {
        Map<String, double[]> perLayer = new LinkedHashMap<>();
        List<double[]> lm = r.layerMetrics();
        if (lm != null && !lm.isEmpty()) {
            double[] val = new double[lm.size()], test = new double[lm.size()];
            for (int i = 0; i < lm.size(); i++) { val[i] = lm.get(i)[0]; test[i] = lm.get(i)[1]; }
            perLayer.put("validation", val);
            perLayer.put("test", test);
        }
        return perLayer;
    }
}
