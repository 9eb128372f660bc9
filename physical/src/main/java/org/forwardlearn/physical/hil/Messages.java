package org.forwardlearn.physical.hil;

import java.nio.ByteBuffer;
import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.physical.SystemSpec;

/** Payload layouts of protocol version 1 (PROTOCOL.md, "Messages"); each record encodes and decodes itself. */
public final class Messages {
    private Messages() {}

    /** Client to device, first frame of a connection. */
    public record Hello(int version, String clientId, byte[] token) {
        byte[] encode() { return new Wire.Out(64).u16(version).str(clientId).bytes(token, Protocol.MAX_TOKEN_BYTES).toBytes(); }

        static Hello decode(byte[] p) throws ProtocolException {
            Wire.In in = new Wire.In(p, "HELLO");
            Hello h = new Hello(in.u16(), in.str(), in.bytes(Protocol.MAX_TOKEN_BYTES));
            in.end();
            return h;
        }
    }

    /** Device to client: what the device is, its state counter, and the largest payload it accepts. */
    public record Spec(SystemSpec spec, long stateCounter, int maxPayload) {
        byte[] encode() {
            Wire.Out o = new Wire.Out(96).str(spec.deviceId()).str(spec.version()).i32(spec.inputSize()).i32(spec.outputSize());
            InputDomain d = spec.domain();
            if (d instanceof InputDomain.Continuous c) o.u8(0).f64(c.min()).f64(c.max());
            else if (d instanceof InputDomain.Binary) o.u8(1);
            else if (d instanceof InputDomain.KBit k) o.u8(2).u8(k.bits());
            return o.i32(spec.maxBatch()).i64(stateCounter).i32(maxPayload).toBytes();
        }

        static Spec decode(byte[] p) throws ProtocolException {
            Wire.In in = new Wire.In(p, "SPEC");
            String id = in.str(), version = in.str();
            int inSize = in.i32(), outSize = in.i32();
            int kind = in.u8();
            InputDomain domain;
            try {
                domain = switch (kind) {
                    case 0 -> new InputDomain.Continuous(in.f64(), in.f64());
                    case 1 -> new InputDomain.Binary();
                    case 2 -> new InputDomain.KBit(in.u8());
                    default -> throw in.malformed("input domain kind 0, 1 or 2", kind);
                };
                Spec s = new Spec(new SystemSpec(id, version, inSize, outSize, domain, in.i32()), in.i64(), in.i32());
                in.end();
                return s;
            } catch (IllegalArgumentException e) {
                throw new ProtocolException(ErrorCode.MALFORMED, "Expected a valid SPEC: " + e.getMessage());
            }
        }
    }

    /** Client to device: measure these rows; {@code batchId} makes a resend idempotent. */
    public record Measure(long batchId, int dtype, double[][] inputs) {
        byte[] encode(InputDomain domain) {
            int cols = inputs[0].length;
            Wire.Out o = new Wire.Out(21 + inputs.length * cols * 8).i64(batchId).u8(dtype).i32(inputs.length).i32(cols);
            for (double[] row : inputs) {
                for (double v : row) {
                    if (dtype == Protocol.DTYPE_F64) o.f64(v);
                    else o.f32(toAdmissibleFloat(v, domain));
                }
            }
            return o.toBytes();
        }

        static Measure decode(byte[] p, int maxRows) throws ProtocolException {
            Wire.In in = new Wire.In(p, "MEASURE");
            long id = in.i64();
            int dtype = in.u8();
            return new Measure(id, dtype, readMatrix(in, dtype, maxRows));
        }
    }

    /** Device to client: the outputs of a batch, stamped with the device clock and state counter. */
    public record Result(long batchId, long deviceTimeMicros, long stateCounter, boolean cached, int dtype, double[][] outputs) {
        byte[] encode() {
            int cols = outputs[0].length;
            Wire.Out o = new Wire.Out(34 + outputs.length * cols * 8)
                    .i64(batchId).i64(deviceTimeMicros).i64(stateCounter).u8(cached ? 1 : 0).u8(dtype).i32(outputs.length).i32(cols);
            for (double[] row : outputs) for (double v : row) {
                if (dtype == Protocol.DTYPE_F64) o.f64(v); else o.f32((float) v);
            }
            return o.toBytes();
        }

        static Result decode(byte[] p) throws ProtocolException {
            Wire.In in = new Wire.In(p, "RESULT");
            long id = in.i64(), time = in.i64(), state = in.i64();
            boolean cached = (in.u8() & 1) != 0;
            int dtype = in.u8();
            return new Result(id, time, state, cached, dtype, readMatrix(in, dtype, Integer.MAX_VALUE));
        }
    }

    /** Either direction: a request failed; {@code batchId} is -1 when the error concerns no batch. */
    public record Error(ErrorCode code, long batchId, String message) {
        byte[] encode() {
            String m = message.length() > 300 ? message.substring(0, 300) : message;
            return new Wire.Out(64).u16(code.code()).i64(batchId).str(m).toBytes();
        }

        static Error decode(byte[] p) throws ProtocolException {
            Wire.In in = new Wire.In(p, "ERROR");
            Error e = new Error(ErrorCode.of(in.u16()), in.i64(), in.str());
            in.end();
            return e;
        }
    }

    /** Device to client (STATE), or client to device (STATE_RESTORE, counter ignored): opaque device state. */
    public record State(long counter, byte[] blob) {
        byte[] encode() {
            ByteBuffer b = ByteBuffer.allocate(12 + blob.length).putLong(counter).putInt(blob.length).put(blob);
            return b.array();
        }

        static State decode(byte[] p) throws ProtocolException {
            Wire.In in = new Wire.In(p, "STATE");
            long counter = in.i64();
            int n = in.i32();
            if (n < 0 || n != in.remaining()) throw in.malformed(in.remaining() + " state bytes", n);
            byte[] blob = new byte[n];
            in.buffer().get(blob);
            return new State(counter, blob);
        }
    }

    /** Reads rows, cols and the values, checking the declared size against the bytes present first. */
    private static double[][] readMatrix(Wire.In in, int dtype, int maxRows) throws ProtocolException {
        int size = Protocol.elementBytes(dtype);
        int rows = in.i32(), cols = in.i32();
        if (rows < 1 || rows > maxRows) throw in.malformed("1.." + maxRows + " rows", rows);
        if (cols < 1) throw in.malformed("at least 1 column", cols);
        long bytes = (long) rows * cols * size;
        if (bytes != in.remaining()) throw in.malformed(bytes + " value bytes for " + rows + "x" + cols, in.remaining());
        ByteBuffer b = in.buffer();
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int j = 0; j < cols; j++) row[j] = size == 8 ? b.getDouble() : b.getFloat();
        return m;
    }

    /**
     * Rounds to float32 and, for a continuous domain, nudges a value that rounding pushed just outside
     * [min, max] back inside, so an admissible double stays admissible on the device.
     */
    static float toAdmissibleFloat(double v, InputDomain domain) {
        float f = (float) v;
        if (domain instanceof InputDomain.Continuous c && c.admits(v)) {
            if (f > c.max()) f = Math.nextDown(f);
            if (f < c.min()) f = Math.nextUp(f);
        }
        return f;
    }
}
