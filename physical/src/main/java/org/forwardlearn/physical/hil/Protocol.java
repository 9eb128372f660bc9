package org.forwardlearn.physical.hil;

/** Constants of the forwardlearn device protocol, version 1 (specified in {@code physical/PROTOCOL.md}). */
public final class Protocol {
    /** First four bytes of every frame: ASCII "FLDP". */
    public static final int MAGIC = 0x464C4450;
    /** The only protocol version this implementation speaks. */
    public static final int VERSION = 1;
    /** magic (4) + version (2) + type (1) + flags (1) + payload length (4). */
    public static final int HEADER_BYTES = 12;
    /** Largest payload accepted before a HELLO has been accepted (HELLO is small; nothing bigger is read). */
    public static final int MAX_PRE_AUTH_PAYLOAD = 4096;
    /** Hard upper bound on any payload (64 MiB); a peer may announce a smaller one in SPEC. */
    public static final int MAX_PAYLOAD = 64 << 20;
    /** Largest UTF-8 string (device id, version, messages) in bytes. */
    public static final int MAX_STRING_BYTES = 1024;
    /** Largest shared-secret token in bytes. */
    public static final int MAX_TOKEN_BYTES = 1024;
    /** HELLO header flag, bit 0: replace the client currently holding the device's session (explicit takeover). */
    public static final int FLAG_TAKEOVER = 1;
    /** Bytes of a MEASURE payload before its values: batch id (8), dtype (1), rows (4), cols (4). */
    public static final int MEASURE_HEADER_BYTES = 17;
    /** Element type of MEASURE/RESULT values: IEEE 754 binary32 (the default). */
    public static final int DTYPE_F32 = 1;
    /** Element type of MEASURE/RESULT values: IEEE 754 binary64 (exact, bit-reproducible runs). */
    public static final int DTYPE_F64 = 2;

    private Protocol() {}

    /** Bytes per element of a dtype. */
    static int elementBytes(int dtype) throws ProtocolException {
        if (dtype == DTYPE_F32) return 4;
        if (dtype == DTYPE_F64) return 8;
        throw new ProtocolException(ErrorCode.MALFORMED, "Expected dtype 1 (float32) or 2 (float64) (got " + dtype + ")");
    }
}
