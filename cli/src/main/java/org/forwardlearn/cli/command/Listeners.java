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

    static TrainingListener forRun(Console console, String metricName, MetricsRecorder recorder) {
        return forRun(console, metricName, recorder, "");
    }

    /** @param label put before every progress line (e.g. "bp baseline"), or "" */
    static TrainingListener forRun(Console console, String metricName, MetricsRecorder recorder, String label) {
        return TrainingListener.of(new DivergenceGuard(), recorder, new LoggingListener(),
                new ProgressListener(console, metricName).prefix(label));
    }
}
