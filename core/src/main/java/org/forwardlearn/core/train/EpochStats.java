package org.forwardlearn.core.train;

/**
 * What one epoch of one layer produced.
 *
 * @param layer          layer index (for ALL_LAYERS: the top layer's index, loss summed over layers)
 * @param epoch          0-based epoch
 * @param maxEpochs      the configured maximum (for progress/ETA)
 * @param loss           mean loss over the epoch's batches
 * @param metric         validation metric, or NaN when not validated this epoch
 * @param bestMetric     best validation metric so far in this layer (NaN before the first)
 * @param elapsedSeconds seconds since this layer started
 */
public record EpochStats(int layer, int epoch, int maxEpochs, double loss, double metric, double bestMetric,
                         double elapsedSeconds) {
    public boolean validated() { return !Double.isNaN(metric); }
}
