package org.forwardlearn.core.train;

import java.util.List;

/**
 * How one layer's training went.
 *
 * @param layer      layer index (-1 for the ALL_LAYERS schedule, which trains all at once)
 * @param epochs     epochs run
 * @param bestEpoch  epoch of the best validation metric (-1 if never validated)
 * @param bestMetric the best validation metric
 * @param seconds    wall time
 * @param stoppedEarly whether patience ran out before maxEpochs
 * @param history    per-epoch statistics
 */
public record LayerReport(int layer, int epochs, int bestEpoch, double bestMetric, double seconds, boolean stoppedEarly,
                          List<EpochStats> history) {
    public LayerReport {
        history = List.copyOf(history);
    }

    public double secondsPerEpoch() { return epochs == 0 ? 0 : seconds / epochs; }
}
