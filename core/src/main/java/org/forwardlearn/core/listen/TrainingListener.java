package org.forwardlearn.core.listen;

import java.util.List;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerReport;
import org.forwardlearn.core.train.TrainingResult;

/**
 * Observes a training run. Methods are called on the training thread; an exception thrown by a listener
 * stops the run (that is how {@link DivergenceGuard} works). A listener asks for a clean stop with
 * {@link #stopRequested()} (see {@link CancellationToken}): the trainer checks it, and the thread's interrupt
 * flag, before every batch, saves a checkpoint when one is configured and throws {@link TrainingCancelledException}.
 */
public interface TrainingListener {
    /** @param numLayers layers to train; @param firstLayer the first one trained in this run (&gt; 0 on resume) */
    default void onRunStart(int numLayers, int firstLayer) {}

    default void onLayerStart(int layer, int maxEpochs) {}

    /**
     * After every batch (every layer of the schedule updated on it).
     *
     * @param epoch   0-based epoch
     * @param batch   0-based batch within the epoch
     * @param batches batches in this epoch
     * @param loss    the batch's loss, summed over the layers trained on it (last inner step)
     */
    default void onBatchEnd(int epoch, int batch, int batches, double loss) {}

    default void onEpochEnd(EpochStats stats) {}

    /** After a resumable checkpoint was written; the run resumes at (epoch, nextBatch) of the layer being trained. */
    default void onCheckpoint(java.nio.file.Path file, int epoch, int nextBatch) {}

    /** True to stop the run cleanly before the next batch (polled; must be cheap and thread-safe). */
    default boolean stopRequested() { return false; }

    default void onLayerEnd(LayerReport report) {}

    default void onRunEnd(TrainingResult result) {}

    TrainingListener NONE = new TrainingListener() {};

    /** Calls each listener in order. */
    static TrainingListener of(TrainingListener... listeners) {
        List<TrainingListener> ls = new java.util.ArrayList<>();
        for (TrainingListener l : listeners) if (l != null) ls.add(l);
        return new TrainingListener() {
            @Override public void onRunStart(int n, int first) { for (TrainingListener l : ls) l.onRunStart(n, first); }
            @Override public void onLayerStart(int layer, int max) { for (TrainingListener l : ls) l.onLayerStart(layer, max); }
            @Override public void onBatchEnd(int e, int b, int nb, double loss) { for (TrainingListener l : ls) l.onBatchEnd(e, b, nb, loss); }
            @Override public void onEpochEnd(EpochStats s) { for (TrainingListener l : ls) l.onEpochEnd(s); }
            @Override public void onCheckpoint(java.nio.file.Path f, int e, int b) { for (TrainingListener l : ls) l.onCheckpoint(f, e, b); }
            @Override public boolean stopRequested() {
                for (TrainingListener l : ls) if (l.stopRequested()) return true;
                return false;
            }
            @Override public void onLayerEnd(LayerReport r) { for (TrainingListener l : ls) l.onLayerEnd(r); }
            @Override public void onRunEnd(TrainingResult r) { for (TrainingListener l : ls) l.onRunEnd(r); }
        };
    }
}
