package org.forwardlearn.physical;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.physical.pff.PffModel;

/**
 * The outcome of one {@link PhysicalExperiment} run.
 *
 * @param method         pff | insilico | pat | bp | logreg | random-map | digital
 * @param dataset        vowels | fashion-mnist
 * @param system         acoustic | optical | microwave | (external device id)
 * @param blocks         number of physical blocks
 * @param seed           the run's seed
 * @param testAccuracy   accuracy on the full test set, on the device as it is after training
 * @param valAccuracy    last validation accuracy, NaN if none
 * @param deviceQueries  measure calls during training (twin fitting included)
 * @param deviceSamples  rows measured during training
 * @param digitalMacs    digital multiply-adds during training (forward and backward)
 * @param trainSeconds   wall time of training
 * @param epochs         per epoch {epoch, loss, valAccuracy, elapsedSeconds}
 * @param extra          further figures (test queries, no-drift accuracy, twin error, ...)
 * @param provenance     the run's provenance: the experiment's full configuration, seed, dataset, versions, times
 * @param model          the trained PFF model (methods pff, random-map, digital), empty for the baselines; it is attached
 *                       to the run's systems, which are closed when the run ends ({@link PffModel#withSystems} to reattach)
 */
public record PhysicalResult(String method, String dataset, String system, int blocks, long seed, double testAccuracy,
                             double valAccuracy, long deviceQueries, long deviceSamples, long digitalMacs, double trainSeconds,
                             List<double[]> epochs, Map<String, Object> extra, RunProvenance provenance,
                             java.util.Optional<PffModel> model) {
    /** A result without provenance or model (e.g. a row rebuilt from a results file). */
    public PhysicalResult(String method, String dataset, String system, int blocks, long seed, double testAccuracy, double valAccuracy,
                          long deviceQueries, long deviceSamples, long digitalMacs, double trainSeconds, List<double[]> epochs,
                          Map<String, Object> extra) {
        this(method, dataset, system, blocks, seed, testAccuracy, valAccuracy, deviceQueries, deviceSamples, digitalMacs, trainSeconds,
                epochs, extra, null, java.util.Optional.empty());
    }

    /** Flat map for result.json (snake_case keys: test_accuracy, device_queries, digital_macs, train_seconds, ...). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("dataset", dataset);
        m.put("system", system);
        m.put("blocks", blocks);
        m.put("seed", seed);
        m.put("test_accuracy", testAccuracy);
        m.put("val_accuracy", Double.isNaN(valAccuracy) ? null : valAccuracy);
        m.put("device_queries", deviceQueries);
        m.put("device_samples", deviceSamples);
        m.put("digital_macs", digitalMacs);
        m.put("train_seconds", trainSeconds);
        List<Map<String, Object>> ep = new ArrayList<>();
        for (double[] e : epochs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("epoch", (int) e[0]);
            row.put("loss", e[1]);
            row.put("val_accuracy", Double.isNaN(e[2]) ? null : e[2]);
            row.put("elapsed_seconds", e[3]);
            ep.add(row);
        }
        m.put("epochs", ep);
        m.putAll(extra);
        return m;
    }
}
