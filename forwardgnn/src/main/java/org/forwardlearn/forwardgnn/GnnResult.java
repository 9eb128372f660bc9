package org.forwardlearn.forwardgnn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.core.train.LayerReport;
import org.forwardlearn.core.train.TrainingResult;

/**
 * The outcome of one {@link GnnExperiment}. Metrics that do not apply to the task are NaN.
 *
 * @param config        what was run
 * @param testAccuracy  node task: test accuracy (0..1) of the final model (best validation epoch per layer)
 * @param valAccuracy   node task: validation accuracy
 * @param testAuc       link task: test ROC-AUC
 * @param valAuc        link task: validation ROC-AUC
 * @param testAp        link task: test average precision
 * @param layerMetrics  per finished layer {val, test} of the model made of layers 0..l (accuracy or AUC)
 * @param trainSeconds  wall time of training (data loading excluded)
 * @param training      per-layer reports with per-epoch loss and validation metric
 * @param predictions   node task: predicted class per node; link task: empty
 * @param model         the trained model
 * @param provenance    config, seed, dataset, versions, times
 * @param memoryLedger  bytes of each big array at the run's peak (graph, features, layer input/output, row caches,
 *                      scores); empty when the method does not keep one
 */
public record GnnResult(GnnConfig config, double testAccuracy, double valAccuracy, double testAuc, double valAuc, double testAp,
                        List<double[]> layerMetrics, double trainSeconds, TrainingResult training, int[] predictions,
                        GnnModel model, RunProvenance provenance, Map<String, Long> memoryLedger) {

    public GnnResult(GnnConfig config, double testAccuracy, double valAccuracy, double testAuc, double valAuc, double testAp,
                     List<double[]> layerMetrics, double trainSeconds, TrainingResult training, int[] predictions,
                     GnnModel model, RunProvenance provenance) {
        this(config, testAccuracy, valAccuracy, testAuc, valAuc, testAp, layerMetrics, trainSeconds, training, predictions, model,
                provenance, Map.of());
    }

    /** The same result with a memory ledger. */
    public GnnResult withMemoryLedger(Map<String, Long> ledger) {
        return new GnnResult(config, testAccuracy, valAccuracy, testAuc, valAuc, testAp, layerMetrics, trainSeconds, training, predictions,
                model, provenance, Map.copyOf(ledger));
    }

    /**
     * Sum of the ledger (bytes): the arrays live together at the peak. {@code row_aggregations_max} (the largest row cache
     * seen, which at the peak is either one of the entries or already dropped) is information, not added.
     */
    public long ledgerBytes() { return ledgerBytes(memoryLedger); }

    /** {@link #ledgerBytes()} of a ledger map. */
    public static long ledgerBytes(Map<String, Long> ledger) {
        long t = 0;
        for (Map.Entry<String, Long> e : ledger.entrySet()) if (!e.getKey().equals("row_aggregations_max")) t += e.getValue();
        return t;
    }

    /** Seconds per epoch averaged over the layers' epochs. */
    public double secondsPerEpoch() {
        double s = 0;
        int e = 0;
        for (LayerReport r : training.layers()) { s += r.seconds(); e += r.epochs(); }
        return e == 0 ? 0 : s / e;
    }

    /** A JSON-ready map (the keys of result.json). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", config.task().id());
        m.put("dataset", config.dataset());
        m.put("method", config.method());
        m.put("conv", config.conv());
        m.put("layers", config.layers());
        m.put("split", config.split());
        if (config.task() == Task.NODE) {
            m.put("test_accuracy", testAccuracy);
            m.put("val_accuracy", valAccuracy);
        } else {
            m.put("test_auc", testAuc);
            m.put("val_auc", valAuc);
            m.put("test_ap", testAp);
        }
        m.put("train_seconds", trainSeconds);
        m.put("seconds_per_epoch", secondsPerEpoch());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int l = 0; l < layerMetrics.size(); l++) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("layer", l + 1); // 1-based, as every output numbers layers
            lm.put(config.task() == Task.NODE ? "val_accuracy" : "val_auc", layerMetrics.get(l)[0]);
            lm.put(config.task() == Task.NODE ? "test_accuracy" : "test_auc", layerMetrics.get(l)[1]);
            if (l < training.layers().size()) {
                LayerReport r = training.layers().get(l);
                lm.put("epochs", r.epochs());
                lm.put("best_epoch", r.bestEpoch() + 1); // 1-based, like "epochs" and the progress lines
                lm.put("seconds", r.seconds());
            }
            layers.add(lm);
        }
        m.put("per_layer", layers);
        m.put("parameters", model.parameterCount());
        if (!memoryLedger.isEmpty()) {
            Map<String, Object> led = new LinkedHashMap<>(new java.util.TreeMap<>(memoryLedger));
            led.put("total", ledgerBytes());
            m.put("memory_ledger_bytes", led);
        }
        m.put("provenance", provenance.toMap());
        return m;
    }
}
