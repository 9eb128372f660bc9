package org.forwardlearn.physical.hil;

/**
 * Codes carried by ERROR frames. {@link #retryable()} says whether a client may resend the same
 * request (same batch id) after backing off; all other codes are fatal for that request.
 */
public enum ErrorCode {
    /** The frame's protocol version is not spoken by the receiver; the connection is closed. */
    UNSUPPORTED_VERSION(1, false),
    /** Missing or wrong shared-secret token in HELLO; the connection is closed. */
    AUTH_FAILED(2, false),
    /** A request other than HELLO arrived before a HELLO was accepted; the connection is closed. */
    NOT_AUTHENTICATED(3, false),
    /** A frame header announced a payload larger than allowed; the connection is closed. */
    FRAME_TOO_LARGE(4, false),
    /** Bad magic, unknown type, or a payload that does not decode; the connection is closed. */
    MALFORMED(5, false),
    /** MEASURE with the wrong shape, too many rows, or inadmissible values. */
    BAD_INPUT(6, false),
    /** A batch id was reused with different inputs. */
    BATCH_ID_CONFLICT(7, false),
    /** The device does not support this request (e.g. STATE_SAVE on real hardware). */
    UNSUPPORTED_OPERATION(8, false),
    /** The device failed while measuring; nothing was cached for the batch. */
    DEVICE_FAULT(9, false),
    /** The device is temporarily unavailable (busy, warming up); nothing was measured; retry later. */
    TRANSIENT(10, true),
    /** An unexpected server error. */
    INTERNAL(11, false),
    /** A handshake or request did not arrive completely within its deadline; the connection is closed. */
    DEADLINE_EXCEEDED(12, false),
    /** Another client holds the device's session; HELLO without the takeover flag is refused; the connection is closed. */
    SESSION_BUSY(13, false);

    private final int code;
    private final boolean retryable;

    ErrorCode(int code, boolean retryable) { this.code = code; this.retryable = retryable; }

    /** The wire code (unsigned 16-bit). */
    public int code() { return code; }

    /** Whether the same request may be resent after backing off. */
    public boolean retryable() { return retryable; }

    /** The code with this wire value, or {@link #INTERNAL} for values this version does not know. */
    public static ErrorCode of(int code) {
        for (ErrorCode c : values()) if (c.code == code) return c;
        return INTERNAL;
    }
}
