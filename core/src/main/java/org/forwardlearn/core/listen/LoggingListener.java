package org.forwardlearn.core.listen;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerReport;

/** Logs layer starts/ends at INFO and validated epochs at DEBUG through Log4j 2 (layers and epochs 1-based). */
public final class LoggingListener implements TrainingListener {
    private static final Logger LOG = LogManager.getLogger(LoggingListener.class);

    @Override
    public void onLayerStart(int layer, int maxEpochs) {
        LOG.info("layer {}: training (at most {} epochs)", layer + 1, maxEpochs);
    }

    @Override
    public void onEpochEnd(EpochStats s) {
        if (s.validated()) {
            LOG.debug("layer {} epoch {}: loss {} val {}", s.layer() + 1, s.epoch() + 1, s.loss(), s.metric());
        }
    }

    @Override
    public void onLayerEnd(LayerReport r) {
        LOG.info("layer {}: {} epochs in {} s, best val {} at epoch {}{}", r.layer() + 1, r.epochs(),
                String.format("%.2f", r.seconds()), r.bestMetric(), r.bestEpoch() + 1, r.stoppedEarly() ? " (early stop)" : "");
    }
}
