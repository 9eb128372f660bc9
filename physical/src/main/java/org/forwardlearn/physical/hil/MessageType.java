package org.forwardlearn.physical.hil;

/** Frame types of protocol version 1; the byte value is the wire code. */
public enum MessageType {
    HELLO(1), SPEC(2), MEASURE(3), RESULT(4), ERROR(5), CALIBRATE(6), RESET(7), CLOSE(8),
    STATE_SAVE(9), STATE_RESTORE(10), STATE(11);

    private final int code;

    MessageType(int code) { this.code = code; }

    /** The wire code (one unsigned byte). */
    public int code() { return code; }

    /** The type with this wire code, or null if none. */
    public static MessageType of(int code) {
        for (MessageType t : values()) if (t.code == code) return t;
        return null;
    }
}
