package org.forwardlearn.forwardgnn;

import java.util.ArrayList;
import java.util.List;
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
     * @param base     everything else (task, epochs, seed, data folder)
     * @param onRow    called after each finished cell (progress), may be null
     */
    public static List<Row> run(GnnConfig base, List<String> datasets, List<String> methods, List<String> convs, List<Integer> depths,
                                int splits, TrainingListener listener, Consumer<Row> onRow) {
        List<Row> rows = new ArrayList<>();
        int deepest = depths.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (String d : datasets) for (String m : methods) for (String c : convs) {
            // greedy methods: the l-layer model is the first l layers of the deepest run (GnnConfig.depthPrefix)
            boolean prefix = depths.size() > 1 && base.withMethod(m).depthPrefix();
            double[][] v = new double[deepest + 1][splits];
            double[] secs = new double[deepest + 1];
            for (int l : prefix ? List.of(deepest) : depths) {
                long t0 = System.nanoTime();
                for (int s = 0; s < splits; s++) {
                    GnnResult r = new GnnExperiment(base.withDataset(d).withMethod(m).withConv(c).withLayers(l).withSplit(s)).run(listener);
                    if (prefix) {
                        for (int k : depths) {
                            v[k][s] = 100 * r.layerMetrics().get(k - 1)[1];
                            for (int j = 0; j < k; j++) secs[k] += r.training().layers().get(j).seconds();
                        }
                    } else {
                        v[l][s] = 100 * (base.task().equals("node") ? r.testAccuracy() : r.testAuc());
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
}
