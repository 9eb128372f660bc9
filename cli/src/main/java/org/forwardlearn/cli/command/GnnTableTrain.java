package org.forwardlearn.cli.command;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.progress.MetricsRecorder;
import org.forwardlearn.cli.report.TrainingReport;
import org.forwardlearn.datasets.table.TableGraph;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.Task;
import org.forwardlearn.forwardgnn.GnnExperiment;
import org.forwardlearn.forwardgnn.GnnResult;
import org.forwardlearn.forwardgnn.GraphInput;
import org.forwardlearn.forwardgnn.NodePredictions;

/**
 * {@code gnn train --nodes PATH --edges PATH}: trains on a user's tables with their split (or a seeded random split,
 * stated in the output) and writes model.flck, result.json, predictions.csv (keyed by the user's ids, with per-class
 * scores; node task), metrics.csv and report.html.
 */
final class GnnTableTrain {
    private GnnTableTrain() {}

    static int run(Console console, GnnConfig cfg, GnnInputOptions input, RunOutput out) throws IOException {
        input.check();
        TableGraph t = input.read(cfg.seed());
        if (cfg.task() == Task.NODE) t.requireTrainable();
        GraphInput g = GraphInput.of(t, input.norm());
        console.status(String.format("gnn train: %s %s-%s x%d on %s (%d nodes, %d features, %d classes, %d stored edges; %d self-loops "
                        + "dropped, %d duplicates merged%s), split: %s (train %d, val %d, test %d), features-norm %s, seed %d",
                cfg.task(), cfg.method(), cfg.conv(), cfg.layers(), input.nodes, t.graph().numNodes(), t.graph().numFeatures(),
                t.graph().numClasses(), t.graph().numStoredEdges(), t.graph().edgeReport().selfLoopsRead(),
                t.graph().edgeReport().duplicatesRead(), input.directed ? ", directed" : ", symmetrised", t.splitSource(),
                t.split().train().length, t.split().val().length, t.split().test().length, g.norm().id(), cfg.seed()));
        MetricsRecorder rec = new MetricsRecorder();
        String metric = cfg.task() == Task.LINK ? "auc" : "accuracy";
        TrainingStarts.mark();
        GnnResult r = new GnnExperiment(cfg, g).run(Listeners.forRun(console, "val_" + (cfg.task() == Task.LINK ? "auc" : "acc"), rec,
                GnnRunner.patienceEpochs(cfg)));
        Map<String, Object> result = new LinkedHashMap<>(r.toMap());
        result.put("dataset", input.nodes.toString());
        result.put("features_norm", g.norm().id());
        result.remove("split");   // no ForwardGNN split index: the graph's own split (graph.split_source)
        result.put("graph", t.report());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("nodes", input.nodes.toString());
        extra.put("edges", input.edges.toString());
        extra.put("format", input.format());
        extra.put("directed", Boolean.toString(input.directed));
        result.put("provenance", OwnGraphOutputs.provenance(r.provenance(), extra, input.nodes, input.edges).toMap());
        if (out.enabled()) {
            out.checkpoint(r.model().toCheckpoint());
            out.result(result);
            out.metrics(rec, metric);
            if (cfg.task() == Task.NODE) {
                // sf: the saved model's predict (= the training run's predictions, tested) adds per-class scores; other
                // methods: the training run's classes only
                NodePredictions p = org.forwardlearn.forwardgnn.nodeclass.NodeMethods.predictable(cfg.method()) ? r.model().predict(g)
                        : new NodePredictions(t.ids(), r.predictions(), new double[0], 0);
                String[] split = new String[t.ids().size()];
                for (int i = 0; i < split.length; i++) split[i] = t.splitName(i);
                OwnGraphOutputs.predictions(p, t.graph().labels(), split).write(out.file(RunOutput.PREDICTIONS));
            }
            Map<String, double[]> perLayer = GnnRunner.perLayer(r);
            String title = "forwardlearn gnn " + cfg.task() + ": " + cfg.method() + "-" + cfg.conv() + " x" + cfg.layers() + " on "
                    + input.nodes.getFileName() + " (" + t.splitSource() + ")";
            out.text(RunOutput.REPORT, TrainingReport.render(title, FfTrainCommand.flat(result), rec, metric, perLayer));
        }
        out.printSummary(console, FfTrainCommand.flat(result));
        return 0;
    }
}
