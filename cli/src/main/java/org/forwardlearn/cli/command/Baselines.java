package org.forwardlearn.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.progress.MetricsRecorder;
import org.forwardlearn.core.baseline.BackpropMlp;
import org.forwardlearn.core.ff.FfMlpConfig;

/** Baselines run beside a forward-learned model. */
final class Baselines {
    private Baselines() {}

    /**
     * The backprop MLP baseline of the same size (core {@link BackpropMlp}: same hidden sizes plus a softmax
     * head, same optimizer, batch size, epochs and early stopping), trained on the same data.
     */
    static Map<String, Object> backpropMlp(FfMlpConfig cfg, Splits.Labelled fit, Splits.Labelled val, Splits.Labelled test,
                                           int numClasses, Console console) {
        boolean validate = val.size() > 0;
        MetricsRecorder rec = new MetricsRecorder();
        long t0 = System.nanoTime();
        BackpropMlp bp = BackpropMlp.fit(cfg, fit.x(), fit.y(), numClasses, validate ? val.x() : null, validate ? val.y() : null,
                Listeners.forRun(console, "val_acc", rec, "bp baseline", validate ? cfg.patience() : 0));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "bp (backprop MLP baseline, same hidden sizes + softmax head)");
        m.put("test_accuracy", bp.accuracy(test.x(), test.y()));
        m.put("val_accuracy", validate ? bp.accuracy(val.x(), val.y()) : Double.NaN);
        m.put("train_seconds", seconds);
        m.put("epochs", rec.layers().isEmpty() ? 0 : rec.layers().get(0).epochs());
        return m;
    }
}
