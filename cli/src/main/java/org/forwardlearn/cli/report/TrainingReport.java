package org.forwardlearn.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forwardlearn.cli.progress.MetricsRecorder;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerReport;

/**
 * The report.html of a training run: the result's scalar metrics, the run (seed, dataset and its checksum, backend,
 * versions, times), the full configuration, a per-layer table (one row per layer, 1-based, named columns), the
 * per-layer loss and validation curves and the metric per layer.
 */
public final class TrainingReport {
    private TrainingReport() {}

    /**
     * @param result          the run's result map as written to result.json: scalars, nested maps (e.g. a baseline's
     *                        metrics, flattened as {@code baseline_test_accuracy}), {@code per_layer} (a list of maps) and
     *                        {@code provenance} (core {@code RunProvenance.toMap()}, its {@code config} a map)
     * @param metricName      e.g. "accuracy" or "auc"
     * @param perLayerMetrics named series of a metric per layer (index 0 = layer 1), e.g. "test accuracy"; may be empty
     */
    public static String render(String title, Map<String, ?> result, MetricsRecorder metrics, String metricName,
                                Map<String, double[]> perLayerMetrics) {
        HtmlReport r = new HtmlReport(title);
        r.heading("Result");
        r.keyValues(scalars(result));
        if (result.get("provenance") instanceof Map<?, ?> prov) {
            Map<String, Object> run = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : prov.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?>)) run.put(String.valueOf(e.getKey()), e.getValue());
            }
            r.heading("Run");
            r.keyValues(run);
            if (prov.get("config") instanceof Map<?, ?> cfg && !cfg.isEmpty()) {
                Map<String, Object> c = new LinkedHashMap<>();
                // exact values (a learning rate of 1e-5 is not "0.0000")
                for (Map.Entry<?, ?> e : cfg.entrySet()) c.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
                r.heading("Configuration");
                r.keyValues(c);
            }
        }
        if (result.get("per_layer") instanceof List<?> rows && !rows.isEmpty()) {
            List<String> header = new ArrayList<>();
            for (Object row : rows) {
                if (row instanceof Map<?, ?> m) for (Object k : m.keySet()) if (!header.contains(String.valueOf(k))) header.add(String.valueOf(k));
            }
            List<List<Object>> cells = new ArrayList<>();
            for (Object row : rows) {
                List<Object> line = new ArrayList<>();
                Map<?, ?> m = row instanceof Map<?, ?> mm ? mm : Map.of();
                for (String h : header) line.add(m.get(h));
                cells.add(line);
            }
            r.heading("Per layer");
            r.table(header, cells);
        } else if (!metrics.layers().isEmpty()) {
            List<List<Object>> cells = new ArrayList<>();
            for (LayerReport l : metrics.layers()) {
                cells.add(List.of(l.layer() < 0 ? "all" : Integer.toString(l.layer() + 1), l.epochs(),
                        l.bestEpoch() < 0 ? "-" : Integer.toString(l.bestEpoch() + 1), l.bestMetric(), l.seconds(), l.stoppedEarly()));
            }
            r.heading("Per layer");
            r.table(List.of("layer", "epochs", "best_epoch", "best_val_" + metricName, "seconds", "stopped_early"), cells);
        }
        r.heading("Training curves");
        SvgPlot loss = new SvgPlot("Training loss per layer", "epoch", "loss");
        SvgPlot val = new SvgPlot("Validation " + metricName + " per layer", "epoch", "validation " + metricName);
        for (Map.Entry<Integer, List<EpochStats>> e : metrics.byLayer().entrySet()) {
            List<EpochStats> h = e.getValue();
            double[] x = new double[h.size()], l = new double[h.size()];
            int nv = 0;
            for (EpochStats s : h) if (s.validated()) nv++;
            double[] vx = new double[nv], vy = new double[nv];
            int j = 0;
            for (int i = 0; i < h.size(); i++) {
                EpochStats s = h.get(i);
                x[i] = s.epoch() + 1;
                l[i] = s.loss();
                if (s.validated()) { vx[j] = s.epoch() + 1; vy[j] = s.metric(); j++; }
            }
            String name = e.getKey() < 0 ? "all layers" : "layer " + (e.getKey() + 1);
            loss.add(name, x, l);
            val.add(name, vx, vy);
        }
        r.plot(loss);
        r.plot(val);
        if (perLayerMetrics != null && !perLayerMetrics.isEmpty()) {
            SvgPlot acc = new SvgPlot(metricName.substring(0, 1).toUpperCase() + metricName.substring(1) + " per layer",
                    "layer", metricName).markers(true).integerX(true);
            for (Map.Entry<String, double[]> e : perLayerMetrics.entrySet()) {
                double[] y = e.getValue();
                double[] x = new double[y.length];
                for (int i = 0; i < y.length; i++) x[i] = i + 1;
                acc.add(e.getKey(), x, y);
            }
            r.plot(acc);
        }
        return r.render();
    }

    /** The scalar entries of a result; nested maps other than the provenance flattened as {@code key_subkey}. */
    static Map<String, Object> scalars(Map<String, ?> result) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : result.entrySet()) {
            Object v = e.getValue();
            if (e.getKey().equals("provenance") || v instanceof List<?> || v instanceof double[] || v instanceof int[]) continue;
            if (v instanceof Map<?, ?> sub) {
                for (Map.Entry<?, ?> x : sub.entrySet()) {
                    if (!(x.getValue() instanceof Map<?, ?> || x.getValue() instanceof List<?>)) m.put(e.getKey() + "_" + x.getKey(), x.getValue());
                }
            } else {
                m.put(e.getKey(), v);
            }
        }
        return m;
    }
}
