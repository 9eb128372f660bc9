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
import org.forwardlearn.forwardgnn.GnnExperiment;
import org.forwardlearn.forwardgnn.GnnResult;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;

/** Runs a forwardgnn experiment and writes its outputs (shared by gnn train, gnn table, bench gnn and demo). */
final class GnnRunner {
    private GnnRunner() {}

    /** Loads a named graph from the data folder. */
    static GraphData load(String dataset, Path dataDir) {
        GraphData g = GraphData.from(Datasets.loadGraph(dataset, dataDir));
        // generated graphs have Gaussian (signed) features: shift them non-negative before the experiment's
        // row-sum normalisation (as PyG's NormalizeFeatures does), see DemoCommand.nonNegative
        return Datasets.isGraph(dataset) && org.forwardlearn.datasets.download.Catalogue.get(dataset).files().isEmpty()
                ? DemoCommand.nonNegative(g) : g;
    }

    /** Trains with the given (already loaded) graph. */
    static GnnResult run(GnnConfig cfg, GraphData g, TrainingListener listener) {
        return new GnnExperiment(cfg.withGraph(g)).run(listener);
    }

    static String metricName(GnnConfig cfg) {
        return cfg.task().equals("link") ? "auc" : "accuracy";
    }

    /** result.json content: the library's map, provenance completed with the dataset checksum and the data folder. */
    static Map<String, Object> resultMap(GnnResult r, Path dataDir, Map<String, String> extra) {
        Map<String, Object> m = new LinkedHashMap<>(r.toMap());
        RunProvenance p = Provenances.withDataset(r.provenance(), extra, r.config().dataset(), dataDir);
        m.put("provenance", p.toMap());
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
        if (cfg.task().equals("node") && r.predictions() != null && r.predictions().length == g.numNodes()) {
            predictions(r, g).write(out.file(RunOutput.PREDICTIONS));
        }
        Map<String, double[]> perLayer = new LinkedHashMap<>();
        List<double[]> lm = r.layerMetrics();
        if (lm != null && !lm.isEmpty()) {
            double[] val = new double[lm.size()], test = new double[lm.size()];
            for (int i = 0; i < lm.size(); i++) { val[i] = lm.get(i)[0]; test[i] = lm.get(i)[1]; }
            perLayer.put("validation", val);
            perLayer.put("test", test);
        }
        String title = "forwardlearn gnn " + cfg.task() + ": " + cfg.method() + "-" + cfg.conv() + " x" + cfg.layers() + " on "
                + cfg.dataset() + " (split " + cfg.split() + ")";
        out.text(RunOutput.REPORT, TrainingReport.render(title, FfTrainCommand.flat(result), rec, metric, perLayer));
    }

    /** The split's index file written next to the results (node task). */
    static final String SPLIT_FILE = "split.json";

    /** The index file of the split a node run trained on (protocol, index, seed, node ids), or null (link task). */
    static Map<String, Object> splitIndex(GnnConfig cfg, GraphData g) {
        if (!cfg.task().equals("node")) return null;
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
}
