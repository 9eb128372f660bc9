package org.forwardlearn.physical.hil;

/**
 * A remote device request failed and will not be retried. {@link #code()} is the device's ERROR code
 * when the device answered with one, or null for client-side failures (see subclasses).
 */
public class DeviceException extends RuntimeException {
    private final ErrorCode code;

    public DeviceException(ErrorCode code, String message) { this(code, message, null); }

    public DeviceException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The protocol error code, or null when the failure was detected by the client. */
    public ErrorCode code() { return code; }
}
