package org.forwardlearn.core.listen;

import org.forwardlearn.core.train.EpochStats;

/** Stops a run with {@link TrainingDivergedException} as soon as a loss or metric is NaN or infinite. */
public final class DivergenceGuard implements TrainingListener {
    /** "layer 2, epoch 5" (1-based, as every output shows them; layer -1 = all layers trained together). */
    static String where(EpochStats s) {
        return (s.layer() < 0 ? "all layers" : "layer " + (s.layer() + 1)) + ", epoch " + (s.epoch() + 1);
    }

    @Override
    public void onEpochEnd(EpochStats s) {
        if (!Double.isFinite(s.loss())) {
            throw new TrainingDivergedException("Training diverged: expected a finite loss (got " + s.loss() + ") at "
                    + where(s) + "; lower the learning rate or check the input scaling");
        }
        if (s.validated() && Double.isInfinite(s.metric())) {
            throw new TrainingDivergedException("Training diverged: expected a finite validation metric (got " + s.metric()
                    + ") at " + where(s));
        }
    }
}
