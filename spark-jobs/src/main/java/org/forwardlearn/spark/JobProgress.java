package org.forwardlearn.spark;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerReport;

/**
 * The job's progress at INFO, bounded in lines: per layer its start, at most {@code ticks} validated epochs (the first
 * validation past every 1/ticks of the maximum epochs: epoch, loss, validation metric, elapsed) and its end.
 */
public final class JobProgress implements TrainingListener {
    private static final Logger LOG = LogManager.getLogger(JobProgress.class);
    private final int ticks;
    private int maxEpochs, next;

    public JobProgress(int ticks) { this.ticks = Math.max(1, ticks); }

    @Override
    public void onLayerStart(int layer, int maxEpochs) {
        this.maxEpochs = maxEpochs;
        this.next = 0;
        LOG.info("layer {}: training, at most {} epochs", layer, maxEpochs);
    }

    @Override
    public void onEpochEnd(EpochStats s) {
        if (!s.validated() || s.epoch() < next) return;
        LOG.info("layer {} epoch {}/{}: loss {} val {} (best {}), {} s", s.layer(), s.epoch(), s.maxEpochs(),
                String.format("%.4f", s.loss()), String.format("%.4f", s.metric()), String.format("%.4f", s.bestMetric()),
                String.format("%.1f", s.elapsedSeconds()));
        next = s.epoch() + Math.max(1, maxEpochs / ticks);
    }

    @Override
    public void onLayerEnd(LayerReport r) {
        LOG.info("layer {}: {} epochs in {} s, best val {} at epoch {}{}", r.layer(), r.epochs(), String.format("%.1f", r.seconds()),
                String.format("%.4f", r.bestMetric()), r.bestEpoch(), r.stoppedEarly() ? " (early stop)" : "");
    }
}
