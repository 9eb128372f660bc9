package org.forwardlearn.physical.hil;

import java.io.IOException;

/** A frame or payload that violates the protocol; carries the {@link ErrorCode} to answer with. */
public class ProtocolException extends IOException {
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    /** The error code describing the violation. */
    public ErrorCode code() { return code; }
}
