package org.forwardlearn.cli.report;

import java.util.List;
import java.util.Map;
import org.forwardlearn.cli.progress.MetricsRecorder;
import org.forwardlearn.core.train.EpochStats;

/** The report.html of a training run: result summary, per-layer loss and validation curves, accuracy per layer. */
public final class TrainingReport {
    private TrainingReport() {}

    /**
     * @param metricName      e.g. "accuracy" or "auc"
     * @param perLayerMetrics named series of a metric per layer (index 0 = layer 1), e.g. "test accuracy"; may be empty
     */
    public static String render(String title, Map<String, ?> result, MetricsRecorder metrics, String metricName,
                                Map<String, double[]> perLayerMetrics) {
        HtmlReport r = new HtmlReport(title);
        r.heading("Result");
        r.keyValues(result);
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
}
