package org.forwardlearn.core.listen;

import java.util.List;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerReport;
import org.forwardlearn.core.train.TrainingResult;

/**
 * Observes a training run. Methods are called on the training thread; an exception thrown by a listener
 * stops the run (that is how {@link DivergenceGuard} works).
 */
public interface TrainingListener {
    /** @param numLayers layers to train; @param firstLayer the first one trained in this run (&gt; 0 on resume) */
    default void onRunStart(int numLayers, int firstLayer) {}

    default void onLayerStart(int layer, int maxEpochs) {}

    default void onEpochEnd(EpochStats stats) {}

    default void onLayerEnd(LayerReport report) {}

    default void onRunEnd(TrainingResult result) {}

    TrainingListener NONE = new TrainingListener() {};

    /** Calls each listener in order. */
    static TrainingListener of(TrainingListener... listeners) {
        List<TrainingListener> ls = List.of(listeners);
        return new TrainingListener() {
            @Override public void onRunStart(int n, int first) { for (TrainingListener l : ls) l.onRunStart(n, first); }
            @Override public void onLayerStart(int layer, int max) { for (TrainingListener l : ls) l.onLayerStart(layer, max); }
            @Override public void onEpochEnd(EpochStats s) { for (TrainingListener l : ls) l.onEpochEnd(s); }
            @Override public void onLayerEnd(LayerReport r) { for (TrainingListener l : ls) l.onLayerEnd(r); }
            @Override public void onRunEnd(TrainingResult r) { for (TrainingListener l : ls) l.onRunEnd(r); }
        };
    }
}
