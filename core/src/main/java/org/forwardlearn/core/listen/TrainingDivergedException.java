package org.forwardlearn.core.listen;

/** Thrown when training produces a NaN or infinite loss. */
public final class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) { super(message); }
}
