package org.forwardlearn.core.listen;

/**
 * Stops a training run cleanly from any thread: {@link #cancel()} makes {@link #stopRequested()} true, and the
 * trainer stops before its next batch (saving a checkpoint when one is configured) with
 * {@link TrainingCancelledException}. Pass it as (part of) the run's listener:
 * {@code trainer.fit(data, TrainingListener.of(progress, token))}.
 */
public final class CancellationToken implements TrainingListener {
    private volatile boolean cancelled;

    public void cancel() { cancelled = true; }

    public boolean isCancelled() { return cancelled; }

    @Override public boolean stopRequested() { return cancelled; }
}
