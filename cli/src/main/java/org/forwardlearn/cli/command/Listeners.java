package org.forwardlearn.cli.command;

import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.progress.MetricsRecorder;
import org.forwardlearn.cli.progress.ProgressListener;
import org.forwardlearn.core.listen.DivergenceGuard;
import org.forwardlearn.core.listen.LoggingListener;
import org.forwardlearn.core.listen.TrainingListener;

/** The listener chain of a CLI training run: divergence guard, metrics recorder, log, progress display. */
final class Listeners {
    private Listeners() {}

    /** @param patienceEpochs the trainer's early-stopping patience in epochs (0 = none), shown by the progress display */
    static TrainingListener forRun(Console console, String metricName, MetricsRecorder recorder, int patienceEpochs) {
        return forRun(console, metricName, recorder, "", patienceEpochs);
    }

    /**
     * For the ALL_LAYERS schedule (every batch updates every layer) core reports epochs under the top layer's
     * index; this adapter reports them as layer -1 ("all layers") so that progress, metrics.csv (layer 0)
     * and the report do not attribute the summed loss to the top layer.
     */
    static TrainingListener allLayers(TrainingListener l) {
        return new TrainingListener() {
            @Override public void onRunStart(int n, int first) { l.onRunStart(n, first); }
            @Override public void onLayerStart(int layer, int max) { l.onLayerStart(-1, max); }
            @Override public void onEpochEnd(org.forwardlearn.core.train.EpochStats s) {
                l.onEpochEnd(new org.forwardlearn.core.train.EpochStats(-1, s.epoch(), s.maxEpochs(), s.loss(), s.metric(),
                        s.bestMetric(), s.elapsedSeconds()));
            }
            @Override public void onLayerEnd(org.forwardlearn.core.train.LayerReport r) { l.onLayerEnd(r); }
            @Override public void onRunEnd(org.forwardlearn.core.train.TrainingResult r) { l.onRunEnd(r); }
        };
    }

    private static final java.util.concurrent.atomic.AtomicBoolean TOLD_SLOW = new java.util.concurrent.atomic.AtomicBoolean();

    /** Whether this JVM has the Vector API (started with --add-modules jdk.incubator.vector, as bin/forwardlearn does). */
    static boolean vectorApi() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Once per process, when the Vector API is missing: a line saying so and how to get it. */
    static void tellIfSlow(Console console) {
        if (!vectorApi() && TOLD_SLOW.compareAndSet(false, true)) {
            console.status("forwardlearn: note: running without the Vector API (plain Java loops, slower); "
                    + "use bin/forwardlearn or java --add-modules jdk.incubator.vector -jar ...");
        }
    }

    /** @param label put before every progress line (e.g. "bp baseline"), or "" */
    static TrainingListener forRun(Console console, String metricName, MetricsRecorder recorder, String label, int patienceEpochs) {
        tellIfSlow(console);
        return TrainingListener.of(new DivergenceGuard(), recorder, new LoggingListener(),
                new ProgressListener(console, metricName).prefix(label).patience(patienceEpochs));
    }
}
