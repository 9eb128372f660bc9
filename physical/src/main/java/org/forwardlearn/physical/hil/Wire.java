package org.forwardlearn.physical.hil;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Big-endian payload encoding helpers: strings and byte strings are u16 length + bytes. */
final class Wire {
    private Wire() {}

    /** Growable payload writer. */
    static final class Out {
        private final ByteArrayOutputStream bytes;
        private final DataOutputStream out;

        Out(int sizeHint) {
            bytes = new ByteArrayOutputStream(Math.max(16, sizeHint));
            out = new DataOutputStream(bytes);
        }

        Out u8(int v) { return run(() -> out.writeByte(v)); }
        Out u16(int v) { return run(() -> out.writeShort(v)); }
        Out i32(int v) { return run(() -> out.writeInt(v)); }
        Out i64(long v) { return run(() -> out.writeLong(v)); }
        Out f32(float v) { return run(() -> out.writeFloat(v)); }
        Out f64(double v) { return run(() -> out.writeDouble(v)); }

        Out bytes(byte[] b, int max) {
            if (b.length > max) throw new IllegalArgumentException("Expected at most " + max + " bytes (got " + b.length + ")");
            u16(b.length);
            return run(() -> out.write(b));
        }

        Out str(String s) { return bytes(s.getBytes(StandardCharsets.UTF_8), Protocol.MAX_STRING_BYTES); }

        byte[] toBytes() { return bytes.toByteArray(); }

        private interface Op { void run() throws IOException; }

        private Out run(Op op) {
            try {
                op.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // cannot happen on a byte array
            }
            return this;
        }
    }

    /** Bounds-checked payload reader; every violation is a {@link ProtocolException} (MALFORMED). */
    static final class In {
        private final ByteBuffer buf;
        private final String what;

        In(byte[] payload, String what) {
            this.buf = ByteBuffer.wrap(payload);
            this.what = what;
        }

        int u8() throws ProtocolException { need(1); return Byte.toUnsignedInt(buf.get()); }
        int u16() throws ProtocolException { need(2); return Short.toUnsignedInt(buf.getShort()); }
        int i32() throws ProtocolException { need(4); return buf.getInt(); }
        long i64() throws ProtocolException { need(8); return buf.getLong(); }
        float f32() throws ProtocolException { need(4); return buf.getFloat(); }
        double f64() throws ProtocolException { need(8); return buf.getDouble(); }

        byte[] bytes(int max) throws ProtocolException {
            int n = u16();
            if (n > max) throw malformed("at most " + max + " bytes in a byte string", String.valueOf(n));
            need(n);
            byte[] b = new byte[n];
            buf.get(b);
            return b;
        }

        String str() throws ProtocolException { return new String(bytes(Protocol.MAX_STRING_BYTES), StandardCharsets.UTF_8); }

        int remaining() { return buf.remaining(); }

        ByteBuffer buffer() { return buf; }

        void end() throws ProtocolException {
            if (buf.hasRemaining()) throw malformed("end of payload", buf.remaining() + " trailing bytes");
        }

        void need(int n) throws ProtocolException {
            if (buf.remaining() < n) throw malformed(n + " more bytes", buf.remaining());
        }

        ProtocolException malformed(String expected, Object got) {
            return new ProtocolException(ErrorCode.MALFORMED, "Expected " + expected + " in " + what + " (got " + got + ")");
        }
    }
}
