package org.forwardlearn.physical.hil;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.physical.SystemSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FrameTest {

    private static Frame roundTrip(MessageType type, byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Frame.write(out, type, payload);
        assertEquals(Protocol.HEADER_BYTES + payload.length, out.size());
        return Frame.read(new ByteArrayInputStream(out.toByteArray()), Protocol.MAX_PAYLOAD);
    }

    @Test
    void everyMessageRoundTrips() throws IOException {
        Messages.Hello h = Messages.Hello.decode(roundTrip(MessageType.HELLO, new Messages.Hello(1, "me", new byte[] {1, 2}).encode()).payload());
        assertEquals("me", h.clientId());
        assertArrayEquals(new byte[] {1, 2}, h.token());
        for (InputDomain d : new InputDomain[] {new InputDomain.Continuous(-1, 2), new InputDomain.Binary(), new InputDomain.KBit(2)}) {
            SystemSpec s = new SystemSpec("dev", "fw 2", 3, 4, d, 7);
            Messages.Spec back = Messages.Spec.decode(roundTrip(MessageType.SPEC, new Messages.Spec(s, 42, 9999).encode()).payload());
            assertEquals(new Messages.Spec(s, 42, 9999), back);
        }
        double[][] x = {{0.1, -0.5}, {1.0, 0.25}};
        Messages.Measure m = Messages.Measure.decode(new Messages.Measure(5, Protocol.DTYPE_F64, x).encode(null), 10);
        assertEquals(5, m.batchId());
        assertArrayEquals(x, m.inputs());
        Messages.Result r = Messages.Result.decode(new Messages.Result(5, 123, 9, true, Protocol.DTYPE_F32, x).encode());
        assertTrue(r.cached());
        assertEquals(9, r.stateCounter());
        assertEquals((double) 0.1f, r.outputs()[0][0]);
        Messages.Error e = Messages.Error.decode(new Messages.Error(ErrorCode.TRANSIENT, 3, "busy").encode());
        assertEquals(new Messages.Error(ErrorCode.TRANSIENT, 3, "busy"), e);
        assertArrayEquals(new byte[] {7}, Messages.State.decode(new Messages.State(4, new byte[] {7}).encode()).blob());
    }

    @Test
    void float32RoundingKeepsContinuousInputsAdmissible() {
        InputDomain.Continuous d = new InputDomain.Continuous(-0.1, 0.1);
        assertTrue(d.admits(Messages.toAdmissibleFloat(0.1, d)));
        assertTrue(d.admits(Messages.toAdmissibleFloat(-0.1, d)));
    }

    /** A stream that serves a header claiming 2 GB, then would serve zeros forever; counts bytes read. */
    private static final class HugeClaim extends InputStream {
        final byte[] header;
        long served;

        HugeClaim(int version) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try {
                Frame.writeRaw(b, Protocol.MAGIC, version, MessageType.MEASURE.code(), 0xFFFF_FFF0L, new byte[0]);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            header = b.toByteArray();
        }

        @Override public int read() { return served < header.length ? header[(int) served++] & 0xFF : (int) (served++ * 0); }
    }

    @Test
    void oversizedLengthIsRefusedAfterTheHeaderWithoutAllocating() {
        HugeClaim in = new HugeClaim(Protocol.VERSION);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        ProtocolException e = assertThrows(ProtocolException.class, () -> Frame.read(in, Protocol.MAX_PAYLOAD));
        long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
        assertEquals("Expected a payload of at most " + Protocol.MAX_PAYLOAD + " bytes (got 4294967280)", e.getMessage());
        assertEquals(Protocol.HEADER_BYTES, in.served, "reader must stop after the header");
        assertTrue(allocated < 1 << 20, "Expected well under 1 MB allocated (got " + allocated + " bytes)");
    }

    @Test
    void unknownVersionBadMagicAndTruncationAreRefused() throws IOException {
        ProtocolException v = assertThrows(ProtocolException.class, () -> Frame.read(new HugeClaim(9), 100));
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, v.code());
        assertEquals("Expected protocol version 1 (got 9)", v.getMessage());

        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Frame.writeRaw(b, 0x12345678, 1, 3, 0, new byte[0]);
        ProtocolException m = assertThrows(ProtocolException.class, () -> Frame.read(new ByteArrayInputStream(b.toByteArray()), 100));
        assertEquals("Expected frame magic 0x464C4450 (got 0x12345678)", m.getMessage());

        ByteArrayOutputStream t = new ByteArrayOutputStream();
        Frame.writeRaw(t, Protocol.MAGIC, 1, 3, 50, new byte[10]);
        assertThrows(EOFException.class, () -> Frame.read(new ByteArrayInputStream(t.toByteArray()), 100));

        ByteArrayOutputStream u = new ByteArrayOutputStream();
        Frame.writeRaw(u, Protocol.MAGIC, 1, 99, 0, new byte[0]);
        ProtocolException ty = assertThrows(ProtocolException.class, () -> Frame.read(new ByteArrayInputStream(u.toByteArray()), 100));
        assertEquals(ErrorCode.MALFORMED, ty.code());
    }

    @Test
    void measurePayloadWhoseShapeDisagreesWithItsLengthIsRefused() {
        byte[] p = new Wire.Out(64).i64(1).u8(Protocol.DTYPE_F32).i32(1000).i32(1000).f32(1).toBytes();
        ProtocolException e = assertThrows(ProtocolException.class, () -> Messages.Measure.decode(p, 2000));
        assertEquals("Expected 4000000 value bytes for 1000x1000 in MEASURE (got 4)", e.getMessage());
        byte[] tooMany = new Wire.Out(64).i64(1).u8(Protocol.DTYPE_F32).i32(3).i32(1).f32(1).f32(1).f32(1).toBytes();
        assertThrows(ProtocolException.class, () -> Messages.Measure.decode(tooMany, 2));
    }
}
