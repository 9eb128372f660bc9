package org.forwardlearn.physical.hil;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * One protocol frame: a 12-byte big-endian header (magic, version, type, flags, payload length)
 * followed by the payload. {@link #read} checks the header completely, including the announced
 * length against a limit, BEFORE allocating the payload, so a peer claiming 2 GB costs 12 bytes.
 *
 * @param type    message type
 * @param flags   the header's flags byte (HELLO bit 0: {@link Protocol#FLAG_TAKEOVER}; otherwise 0)
 * @param payload payload bytes (not copied)
 */
public record Frame(MessageType type, int flags, byte[] payload) {

    /** A frame with flags 0. */
    public Frame(MessageType type, byte[] payload) { this(type, 0, payload); }

    /**
     * A checked 12-byte header.
     *
     * @param length the announced payload length (already checked against the limit)
     */
    public record Header(MessageType type, int flags, int length) {}

    /** Writes a version-{@value Protocol#VERSION} frame and flushes. */
    public static void write(OutputStream out, MessageType type, byte[] payload) throws IOException {
        write(out, type, 0, payload);
    }

    /** Writes a version-{@value Protocol#VERSION} frame with the given flags byte and flushes. */
    public static void write(OutputStream out, MessageType type, int flags, byte[] payload) throws IOException {
        writeRaw(out, Protocol.MAGIC, Protocol.VERSION, type.code(), flags, payload.length, payload);
    }

    /**
     * Writes a frame with arbitrary header fields (for fault injection and tests of the refusal paths).
     * {@code declaredLength} is written as an unsigned 32-bit value; only {@code payload} is sent after it.
     */
    public static void writeRaw(OutputStream out, int magic, int version, int type, long declaredLength, byte[] payload)
            throws IOException {
        writeRaw(out, magic, version, type, 0, declaredLength, payload);
    }

    /** Like {@link #writeRaw(OutputStream, int, int, int, long, byte[])} with a flags byte. */
    public static void writeRaw(OutputStream out, int magic, int version, int type, int flags, long declaredLength, byte[] payload)
            throws IOException {
        ByteBuffer h = ByteBuffer.allocate(Protocol.HEADER_BYTES);
        h.putInt(magic).putShort((short) version).put((byte) type).put((byte) flags).putInt((int) declaredLength);
        out.write(h.array());
        out.write(payload);
        out.flush();
    }

    /**
     * Reads one frame.
     *
     * @param maxPayload largest payload accepted; a larger announced length is refused before allocation
     * @throws EOFException      if the stream ends before a complete frame
     * @throws ProtocolException with {@link ErrorCode#MALFORMED}, {@link ErrorCode#UNSUPPORTED_VERSION}
     *                           or {@link ErrorCode#FRAME_TOO_LARGE}
     */
    public static Frame read(InputStream in, int maxPayload) throws IOException {
        DataInputStream din = in instanceof DataInputStream d ? d : new DataInputStream(in);
        byte[] header = new byte[Protocol.HEADER_BYTES];
        din.readFully(header);
        Header h = header(header, maxPayload);
        byte[] payload = new byte[h.length()];
        din.readFully(payload);
        return new Frame(h.type(), h.flags(), payload);
    }

    /**
     * Checks a 12-byte header: magic, version, announced length against {@code maxPayload}, then the type.
     *
     * @throws ProtocolException with {@link ErrorCode#MALFORMED}, {@link ErrorCode#UNSUPPORTED_VERSION}
     *                           or {@link ErrorCode#FRAME_TOO_LARGE}
     */
    public static Header header(byte[] header, int maxPayload) throws ProtocolException {
        ByteBuffer h = ByteBuffer.wrap(header);
        int magic = h.getInt();
        if (magic != Protocol.MAGIC) {
            throw new ProtocolException(ErrorCode.MALFORMED, "Expected frame magic 0x"
                    + Integer.toHexString(Protocol.MAGIC).toUpperCase() + " (got 0x" + Integer.toHexString(magic).toUpperCase() + ")");
        }
        int version = Short.toUnsignedInt(h.getShort());
        if (version != Protocol.VERSION) {
            throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
                    "Expected protocol version " + Protocol.VERSION + " (got " + version + ")");
        }
        int typeCode = Byte.toUnsignedInt(h.get());
        int flags = Byte.toUnsignedInt(h.get()); // reserved but for HELLO bit 0 (takeover)
        long length = Integer.toUnsignedLong(h.getInt());
        if (length > maxPayload) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE,
                    "Expected a payload of at most " + maxPayload + " bytes (got " + length + ")");
        }
        MessageType type = MessageType.of(typeCode);
        if (type == null) {
            throw new ProtocolException(ErrorCode.MALFORMED, "Expected a frame type in 1..11 (got " + typeCode + ")");
        }
        return new Header(type, flags, (int) length);
    }
}
