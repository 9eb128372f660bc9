package org.forwardlearn.core.listen;

import org.forwardlearn.core.train.EpochStats;

/** Stops a run with {@link TrainingDivergedException} as soon as a loss or metric is NaN or infinite. */
public final class DivergenceGuard implements TrainingListener {
    @Override
    public void onEpochEnd(EpochStats s) {
        if (!Double.isFinite(s.loss())) {
            throw new TrainingDivergedException("Training diverged: expected a finite loss (got " + s.loss() + ") at layer "
                    + s.layer() + ", epoch " + s.epoch() + "; lower the learning rate or check the input scaling");
        }
        if (s.validated() && Double.isInfinite(s.metric())) {
            throw new TrainingDivergedException("Training diverged: expected a finite validation metric (got " + s.metric()
                    + ") at layer " + s.layer() + ", epoch " + s.epoch());
        }
    }
}
