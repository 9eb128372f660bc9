package org.forwardlearn.core.listen;

/**
 * Thrown by a trainer stopped on request (a listener's {@link TrainingListener#stopRequested()}, a
 * {@link CancellationToken}, or an interrupt of the training thread, whose flag stays set). The parameters are
 * left as they were after the last finished batch; when the run checkpoints, that position was saved first and
 * the run can be resumed from it.
 */
public final class TrainingCancelledException extends RuntimeException {
    private final boolean interrupted;

    public TrainingCancelledException(String message, boolean interrupted) {
        super(message);
        this.interrupted = interrupted;
    }

    /** True when the stop came from a thread interrupt (rather than a listener or token). */
    public boolean interrupted() { return interrupted; }
}
