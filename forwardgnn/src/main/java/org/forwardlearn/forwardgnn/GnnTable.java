package org.forwardlearn.forwardgnn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.forwardlearn.core.listen.TrainingListener;

/**
 * Runs a table of experiments (methods x convs x depths x datasets, each over several splits) and
 * returns one row per cell with mean and standard deviation of the test metric and the wall time. For greedy methods
 * ({@link GnnConfig#depthPrefix()}) only the deepest depth is trained; a shallower cell is its first layers, and its
 * time is those layers' training time.
 */
public final class GnnTable {
    /** One cell: the metric is accuracy (node task) or ROC-AUC (link task), in percent. */
    public record Row(String dataset, String method, String conv, int layers, double mean, double std, double[] perSplit,
                      double wallSeconds) { }

    private GnnTable() { }

    /**
     * @param base     everything else (task, epochs, seed, data folder); a dataset equal to {@code base.dataset()} of a
     *                 {@link GnnConfig#withGraph} configuration uses that in-memory graph
     * @param onRow    called after each finished cell (progress), may be null
     */
    public static List<Row> run(GnnConfig base, List<String> datasets, List<String> methods, List<String> convs, List<Integer> depths,
                                int splits, TrainingListener listener, Consumer<Row> onRow) {
        List<Row> rows = new ArrayList<>();
        String metric = base.task().metric();
        for (String d : datasets) for (String m : methods) for (String c : convs) {
            boolean prefix = derivesDepths(base, m, depths);
            double[][] v = new double[Collections.max(depths) + 1][splits];
            double[] secs = new double[v.length];
            // an in-memory graph (GnnConfig.withGraph) is its own dataset; other names are loaded from the data folder
            GnnConfig data = base.graph() != null && d.equals(base.dataset()) ? base : base.withDataset(d);
            for (int l : runDepths(base, m, depths)) {
                long t0 = System.nanoTime();
                for (int s = 0; s < splits; s++) {
                    GnnResult r = new GnnExperiment(data.withMethod(m).withConv(c).withLayers(l).withSplit(s)).run(listener);
                    if (prefix) {
                        Map<String, Object> res = r.toMap();
                        for (int k : depths) {
                            Map<String, Object> cell = prefixResult(res, k, metric);
                            v[k][s] = 100 * ((Number) cell.get("test_" + metric)).doubleValue();
                            secs[k] += ((Number) cell.get("train_seconds")).doubleValue();
                        }
                    } else {
                        v[l][s] = 100 * (base.task() == Task.NODE ? r.testAccuracy() : r.testAuc());
                    }
                }
                if (!prefix) secs[l] = (System.nanoTime() - t0) * 1e-9;
            }
            for (int l : depths) {
                double mean = 0, var = 0;
                for (double x : v[l]) mean += x / splits;
                for (double x : v[l]) var += (x - mean) * (x - mean) / splits;
                Row row = new Row(d, m, c, l, mean, Math.sqrt(var), v[l], secs[l]);
                rows.add(row);
                if (onRow != null) onRow.accept(row);
            }
        }
        return rows;
    }

    /** The result key's metric of a task: "accuracy" (node) or "auc" (link). */
    public static String metric(String task) {
        return Task.parse(task).metric();
    }

    /**
     * Whether a table derives the depths of {@code method} from one run at the deepest depth: greedy methods
     * ({@link GnnConfig#depthPrefix()}) when more than one depth is asked.
     */
    public static boolean derivesDepths(GnnConfig base, String method, List<Integer> depths) {
        return depths.size() > 1 && base.withMethod(method).depthPrefix();
    }

    /** The depths a table trains for {@code method}: only the deepest when {@link #derivesDepths}, else all of them. */
    public static List<Integer> runDepths(GnnConfig base, String method, List<Integer> depths) {
        return derivesDepths(base, method, depths) ? List.of(Collections.max(depths)) : List.copyOf(depths);
    }

    /**
     * The d-layer cell inside a deeper run of a greedy method, from the run's result map ({@link GnnResult#toMap()}, or the
     * result.json a table resumes from): the metrics of the model of layers 0..d-1 ({@code per_layer} entry d-1), and the
     * first d layers' training seconds and epochs as the run's time. Keys: test_METRIC, val_METRIC, train_seconds,
     * seconds_per_epoch.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> prefixResult(Map<String, Object> result, int d, String metric) {
        List<Map<String, Object>> layers = (List<Map<String, Object>>) result.get("per_layer");
        if (layers == null || layers.size() < d) {
            throw new IllegalArgumentException("Expected per_layer metrics for " + d + " layers in a run's result (got "
                    + (layers == null ? "none" : layers.size()) + ")");
        }
        Map<String, Object> lm = layers.get(d - 1);
        double secs = 0, epochs = 0;
        for (int l = 0; l < d; l++) {
            secs += ((Number) layers.get(l).get("seconds")).doubleValue();
            epochs += ((Number) layers.get(l).get("epochs")).doubleValue();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("test_" + metric, lm.get("test_" + metric));
        out.put("val_" + metric, lm.get("val_" + metric));
        out.put("train_seconds", secs);
        out.put("seconds_per_epoch", epochs == 0 ? Double.NaN : secs / epochs);
        return out;
    }
}
