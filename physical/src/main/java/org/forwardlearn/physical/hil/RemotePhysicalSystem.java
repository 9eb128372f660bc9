package org.forwardlearn.physical.hil;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.physical.StatefulSystem;
import org.forwardlearn.physical.SystemSpec;

/**
 * A {@link PhysicalSystem} reached over the device protocol (PROTOCOL.md). Splits batches larger than
 * the device's max batch; resends an unanswered MEASURE with the same batch id (the device answers
 * a resend from its cache, so nothing is measured twice) after transport failures, timeouts,
 * malformed replies and TRANSIENT errors, with exponential backoff, reconnecting as needed; refuses
 * to continue if the device comes back with another identity. Thread-safe (calls are serialised).
 *
 * <pre>{@code
 * try (RemotePhysicalSystem dev = RemotePhysicalSystem.connect(RemoteConfig.builder("tcp://127.0.0.1:7001").build())) {
 *     double[][] y = dev.measure(x);
 * }
 * }</pre>
 */
public final class RemotePhysicalSystem implements StatefulSystem {
    private static final Logger LOG = LogManager.getLogger(RemotePhysicalSystem.class);
    private static final int RESULT_HEADER = 34, MEASURE_HEADER = 21;

    private final RemoteConfig cfg;
    private final SystemSpec spec;
    private final LatencyRecorder latency = new LatencyRecorder();
    private Connection conn;
    private int maxPayload;
    private long nextBatchId, lastStateCounter, lastDeviceTime;
    private long queries, samples, requests, retries, reconnects, cachedReplies;
    private boolean closed;

    private RemotePhysicalSystem(RemoteConfig cfg, Connection first) {
        this.cfg = cfg;
        this.conn = first;
        this.spec = first.spec().spec();
        this.maxPayload = first.spec().maxPayload();
        this.lastStateCounter = first.spec().stateCounter();
        this.nextBatchId = new SecureRandom().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL;
    }

    /**
     * Connects (retrying as configured) and reads the device's SPEC.
     *
     * @throws DeviceException            if the device refuses (wrong token, unsupported version)
     * @throws DeviceUnavailableException if it cannot be reached within the configured attempts
     */
    public static RemotePhysicalSystem connect(RemoteConfig cfg) {
        IOException last = null;
        for (int attempt = 0; attempt <= cfg.maxRetries(); attempt++) {
            if (attempt > 0) Backoff.sleep(cfg, attempt);
            try {
                return new RemotePhysicalSystem(cfg, Connection.open(cfg, cfg.takeover()));
            } catch (ProtocolException e) {
                if (e.code() == ErrorCode.UNSUPPORTED_VERSION) throw versionError(cfg, e);
                last = e;
            } catch (IOException e) {
                last = e;
            }
        }
        throw new DeviceUnavailableException("Expected a device at " + cfg.uri() + " within " + (cfg.maxRetries() + 1)
                + " attempts (got " + last + ")", last);
    }

    /** Connects to {@code tcp://HOST:PORT} with default settings. */
    public static RemotePhysicalSystem connect(String uri) { return connect(RemoteConfig.builder(uri).build()); }

    /** The device's spec as declared at the first connection; later connections must declare the same identity. */
    @Override
    public SystemSpec spec() { return spec; }

    @Override
    public synchronized double[][] measure(double[][] inputs) {
        ensureOpen();
        Inputs.validate(spec, inputs);
        int elem = cfg.dtype() == Protocol.DTYPE_F64 ? 8 : 4;
        int byInput = (maxPayload - MEASURE_HEADER) / (spec.inputSize() * elem);
        int byOutput = (Protocol.MAX_PAYLOAD - RESULT_HEADER) / (spec.outputSize() * elem);
        int chunk = Math.max(1, Math.min(spec.maxBatch(), Math.min(byInput, byOutput)));
        double[][] out = new double[inputs.length][];
        for (int from = 0; from < inputs.length; from += chunk) {
            int to = Math.min(inputs.length, from + chunk);
            double[][] part = java.util.Arrays.copyOfRange(inputs, from, to);
            Messages.Result r = measureChunk(part, from, inputs.length);
            System.arraycopy(r.outputs(), 0, out, from, to - from);
        }
        queries++;
        samples += inputs.length;
        return out;
    }

    private Messages.Result measureChunk(double[][] part, int from, int total) {
        long id = nextBatchId++;
        byte[] payload = new Messages.Measure(id, cfg.dtype(), part).encode(spec.domain());
        int elem = cfg.dtype() == Protocol.DTYPE_F64 ? 8 : 4;
        int maxReply = Math.max(Protocol.MAX_PRE_AUTH_PAYLOAD, RESULT_HEADER + part.length * spec.outputSize() * elem);
        long t0 = System.nanoTime();
        String what = "MEASURE batch " + id + " (rows " + from + ".." + (from + part.length) + " of " + total + ")";
        Messages.Result r = withRetries(what, true, c -> {
            requests++;
            c.send(MessageType.MEASURE, payload);
            Frame f = c.read(maxReply);
            if (f.type() == MessageType.ERROR) throw errorReply(f, what);
            if (f.type() != MessageType.RESULT) {
                throw new ProtocolException(ErrorCode.MALFORMED, "Expected RESULT or ERROR (got " + f.type() + ")");
            }
            Messages.Result res = Messages.Result.decode(f.payload());
            if (res.batchId() != id) {
                throw new ProtocolException(ErrorCode.MALFORMED, "Expected RESULT for batch " + id + " (got batch " + res.batchId() + ")");
            }
            if (res.outputs().length != part.length || res.outputs()[0].length != spec.outputSize()) {
                throw new ProtocolException(ErrorCode.MALFORMED, "Expected a " + part.length + "x" + spec.outputSize()
                        + " RESULT (got " + res.outputs().length + "x" + res.outputs()[0].length + ")");
            }
            return res;
        });
        latency.record(System.nanoTime() - t0);
        if (r.cached()) cachedReplies++;
        lastStateCounter = Math.max(lastStateCounter, r.stateCounter());
        lastDeviceTime = r.deviceTimeMicros();
        return r;
    }

    @Override
    public synchronized long queries() { return queries; }

    @Override
    public synchronized long samples() { return samples; }

    /** Retries, reconnects and latency so far. */
    public synchronized RemoteStats stats() {
        return new RemoteStats(queries, samples, requests, retries, reconnects, cachedReplies,
                latency.quantileMillis(0.5), latency.quantileMillis(0.99), latency.meanMillis());
    }

    /** The device's state counter as last reported (SPEC, RESULT or STATE). */
    public synchronized long deviceStateCounter() { return lastStateCounter; }

    /** The device timestamp (epoch microseconds) of the last RESULT, or 0. */
    public synchronized long lastDeviceTimeMicros() { return lastDeviceTime; }

    /** STATE_SAVE: an opaque snapshot of the device's internal state (simulated devices), for a checkpoint. */
    public synchronized byte[] saveDeviceState() {
        return stateCall(MessageType.STATE_SAVE, new byte[0], "STATE_SAVE").blob();
    }

    /** STATE_RESTORE: puts the device back into a saved state (a resumed run then sees the same device). */
    public synchronized void restoreDeviceState(byte[] state) {
        Objects.requireNonNull(state, "state");
        Messages.State s = stateCall(MessageType.STATE_RESTORE, new Messages.State(0, state).encode(), "STATE_RESTORE");
        lastStateCounter = s.counter();
    }

    /**
     * {@link StatefulSystem#state()} over the wire: the device's state as float64 values, or an empty array
     * when the device has no restorable state (ERROR UNSUPPORTED_OPERATION), which checkpoints treat as "none".
     */
    @Override
    public synchronized double[] state() {
        try {
            return StateBlobs.toDoubles(saveDeviceState());
        } catch (DeviceException e) {
            if (e.code() != ErrorCode.UNSUPPORTED_OPERATION) throw e;
            LOG.debug("Device at {} has no restorable state: {}", cfg.uri(), e.getMessage());
            return new double[0];
        }
    }

    /** {@link StatefulSystem#restoreState(double[])} over the wire (STATE_RESTORE). */
    @Override
    public synchronized void restoreState(double[] state) { restoreDeviceState(StateBlobs.toBytes(state)); }

    /** CALIBRATE (not resent on failure: calibration is not idempotent). */
    @Override
    public synchronized void calibrate() { control(MessageType.CALIBRATE, false); }

    /** RESET the device to its power-on state; the device forgets cached results. */
    public synchronized void reset() { control(MessageType.RESET, true); }

    /** Sends CLOSE (best effort) and closes the connection; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (conn != null) {
            try {
                conn.send(MessageType.CLOSE, new byte[0]);
            } catch (IOException e) {
                LOG.debug("CLOSE not delivered: {}", e.toString());
            }
            disconnect();
        }
    }

    private Messages.State stateCall(MessageType type, byte[] payload, String what) {
        ensureOpen();
        return withRetries(what, true, c -> {
            c.send(type, payload);
            Frame f = c.read(Protocol.MAX_PAYLOAD);
            if (f.type() == MessageType.ERROR) throw errorReply(f, what);
            if (f.type() != MessageType.STATE) throw new ProtocolException(ErrorCode.MALFORMED, "Expected STATE (got " + f.type() + ")");
            return Messages.State.decode(f.payload());
        });
    }

    private void control(MessageType type, boolean idempotent) {
        ensureOpen();
        Messages.Spec s = withRetries(type.name(), idempotent, c -> {
            c.send(type, new byte[0]);
            Frame f = c.read(Protocol.MAX_PRE_AUTH_PAYLOAD);
            if (f.type() == MessageType.ERROR) throw errorReply(f, type.name());
            if (f.type() != MessageType.SPEC) throw new ProtocolException(ErrorCode.MALFORMED, "Expected SPEC (got " + f.type() + ")");
            return Messages.Spec.decode(f.payload());
        });
        lastStateCounter = s.stateCounter();
    }

    private interface Call<T> { T run(Connection c) throws IOException; }

    private <T> T withRetries(String what, boolean idempotent, Call<T> call) {
        IOException last;
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                retries++;
                Backoff.sleep(cfg, attempt);
            }
            try {
                return call.run(connection());
            } catch (Connection.TransientError e) {
                last = e; // the connection is fine; the device asked us to come back later
            } catch (ProtocolException e) {
                disconnect();
                if (e.code() == ErrorCode.UNSUPPORTED_VERSION) throw versionError(cfg, e);
                last = e;
            } catch (IOException e) {
                disconnect();
                last = e;
            }
            LOG.warn("{} to {} failed (attempt {} of {}): {}", what, cfg.uri(), attempt + 1, cfg.maxRetries() + 1, last.toString());
            if (!idempotent || attempt >= cfg.maxRetries()) {
                throw new DeviceUnavailableException("Expected an answer to " + what + " from " + cfg.uri() + " within "
                        + (attempt + 1) + " attempt(s) (got " + last + ")", last);
            }
        }
    }

    /** The open connection, reconnecting (and re-validating the device's identity) if needed. */
    private Connection connection() throws IOException {
        if (conn != null) return conn;
        Connection c = Connection.open(cfg, true); // our own session: a dead connection of ours may still hold it
        reconnects++;
        try {
            checkSameDevice(c.spec());
        } catch (DeviceChangedException e) {
            c.close();
            throw e;
        }
        LOG.info("Reconnected to device '{}' at {}", spec.deviceId(), cfg.uri());
        conn = c;
        maxPayload = c.spec().maxPayload();
        return c;
    }

    private void checkSameDevice(Messages.Spec now) {
        SystemSpec s = now.spec();
        String expected = spec.deviceId() + " " + spec.version() + " " + spec.inputSize() + "->" + spec.outputSize() + " " + spec.domain();
        String got = s.deviceId() + " " + s.version() + " " + s.inputSize() + "->" + s.outputSize() + " " + s.domain();
        if (!expected.equals(got)) {
            throw new DeviceChangedException("Expected device '" + expected + "' after reconnecting to " + cfg.uri() + " (got '" + got
                    + "'): the device restarted or was replaced; its measurements are not comparable, start a new run or resume from a checkpoint");
        }
        if (now.stateCounter() < lastStateCounter) {
            throw new DeviceChangedException("Expected device state counter >= " + lastStateCounter + " after reconnecting to "
                    + cfg.uri() + " (got " + now.stateCounter() + "): the device lost its state (restarted?)");
        }
    }

    private DeviceException errorReply(Frame f, String what) throws IOException {
        Messages.Error e = Messages.Error.decode(f.payload());
        if (e.code().retryable()) throw new Connection.TransientError(e.code() + ": " + e.message());
        return new DeviceException(e.code(), "Device at " + cfg.uri() + " refused " + what + ": " + e.code() + ": " + e.message());
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("Expected an open device connection (got a closed one: " + cfg.uri() + ")");
    }

    private void disconnect() {
        if (conn != null) conn.close();
        conn = null;
    }

    private static DeviceException versionError(RemoteConfig cfg, ProtocolException e) {
        return new DeviceException(ErrorCode.UNSUPPORTED_VERSION, "Device at " + cfg.uri() + " speaks another protocol: " + e.getMessage(), e);
    }
}
