package org.forwardlearn.core.io;

import java.io.IOException;

/** A checkpoint file that is not a valid checkpoint (wrong magic, unsupported version, truncated, corrupt). */
public final class CheckpointFormatException extends IOException {
    public CheckpointFormatException(String message) { super(message); }

    public CheckpointFormatException(String message, Throwable cause) { super(message, cause); }
}
