package org.forwardlearn.physical.hil;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import org.forwardlearn.physical.SystemSpec;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** One connection to a {@link DeviceServer}: handshake, then requests until CLOSE, EOF or an error. */
final class ServerSession implements Runnable {
    private static final Logger LOG = LogManager.getLogger(ServerSession.class);

    private final DeviceServer server;
    private final ServedDevice device;
    private final DeviceServerConfig config;
    private final Socket socket;
    private final String peer;
    private final long acceptedNanos = System.nanoTime();
    private volatile boolean authenticated;
    private volatile String clientId = "?";
    private DeadlineInput deadline;

    ServerSession(DeviceServer server, ServedDevice device, DeviceServerConfig config, Socket socket) {
        this.server = server;
        this.device = device;
        this.config = config;
        this.socket = socket;
        this.peer = String.valueOf(socket.getRemoteSocketAddress());
    }

    boolean authenticated() { return authenticated; }

    long acceptedNanos() { return acceptedNanos; }

    String peer() { return peer; }

    boolean alive() { return !socket.isClosed(); }

    String describe() { return "client '" + clientId + "' from " + peer; }

    @Override
    public void run() {
        try (socket) {
            socket.setTcpNoDelay(true);
            deadline = new DeadlineInput(socket, socket.getInputStream());
            DataInputStream in = new DataInputStream(new BufferedInputStream(deadline));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            try {
                if (handshake(in, out)) serve(in, out);
            } catch (DeadlineInput.DeadlineExceeded e) {
                LOG.warn("Refusing {}: {}", peer, e.getMessage());
                sendError(out, ErrorCode.DEADLINE_EXCEEDED, -1, e.getMessage());
            } catch (ProtocolException e) {
                LOG.warn("Refusing frame from {}: {}", peer, e.getMessage());
                sendError(out, e.code(), -1, e.getMessage());
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                LOG.error("Unexpected failure serving {}: {}", peer, e.toString());
                sendError(out, ErrorCode.INTERNAL, -1, "Expected to serve the request (got " + e + ")");
            }
        } catch (SocketTimeoutException e) {
            LOG.info("Closing {}: idle for {}", peer, config.idleTimeout());
        } catch (EOFException | SocketException e) {
            LOG.debug("Connection {} ended: {}", peer, e.toString());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Connection {} failed: {}", peer, e.toString());
        } finally {
            server.sessionEnded(this);
        }
    }

    /**
     * Reads HELLO (payload at most {@value Protocol#MAX_PRE_AUTH_PAYLOAD} bytes, complete within the handshake
     * deadline counted from the accept), checks version, token and session, answers SPEC.
     */
    private boolean handshake(DataInputStream in, OutputStream out) throws IOException {
        long ms = config.helloTimeout().toMillis();
        deadline.deadline(acceptedNanos + config.helloTimeout().toNanos(),
                "Expected a complete HELLO within " + ms + " ms of connecting (got an incomplete one)");
        Frame f = Frame.read(in, Protocol.MAX_PRE_AUTH_PAYLOAD);
        if (f.type() != MessageType.HELLO) {
            return refuse(out, ErrorCode.NOT_AUTHENTICATED, "Expected HELLO as the first frame (got " + f.type() + ")");
        }
        Messages.Hello hello = Messages.Hello.decode(f.payload());
        if (hello.version() != Protocol.VERSION) {
            return refuse(out, ErrorCode.UNSUPPORTED_VERSION,
                    "Expected protocol version " + Protocol.VERSION + " (got " + hello.version() + ")");
        }
        byte[] token = config.token();
        if (token != null && !Tokens.matches(token, hello.token())) {
            return refuse(out, ErrorCode.AUTH_FAILED, "Expected the device's shared-secret token (got "
                    + (hello.token().length == 0 ? "none" : "a wrong one") + ")");
        }
        clientId = hello.clientId().length() > 64 ? hello.clientId().substring(0, 64) : hello.clientId();
        authenticated = true;
        String holder = server.activate(this, (f.flags() & Protocol.FLAG_TAKEOVER) != 0);
        if (holder != null) {
            authenticated = false;
            return refuse(out, ErrorCode.SESSION_BUSY, "Expected the device's session to be free (got it held by " + holder
                    + "): send HELLO with the takeover flag to replace that client");
        }
        LOG.info("Client '{}' connected from {}", clientId, peer);
        sendSpec(out);
        return true;
    }

    private void serve(DataInputStream in, OutputStream out) throws IOException {
        int idle = Math.toIntExact(config.idleTimeout().toMillis());
        byte[] header = new byte[Protocol.HEADER_BYTES];
        while (true) {
            deadline.idle(idle);
            int first = in.read();
            if (first < 0) throw new EOFException("client closed the connection");
            long t0 = System.nanoTime();
            header[0] = (byte) first;
            deadline.deadline(config.requestDeadline(t0, Protocol.HEADER_BYTES),
                    "Expected a complete frame header within " + config.requestTimeout().toMillis() + " ms of its first byte");
            in.readFully(header, 1, Protocol.HEADER_BYTES - 1);
            Frame.Header h = Frame.header(header, config.maxPayload());
            long ms = (config.requestDeadline(t0, h.length()) - t0) / 1_000_000;
            deadline.deadline(config.requestDeadline(t0, h.length()), "Expected the complete " + h.type() + " frame (" + h.length()
                    + " payload bytes) within " + ms + " ms of its first byte (a floor of " + config.minBytesPerSecond() + " bytes/s)");
            if (h.type() == MessageType.MEASURE) {
                if (!measure(h, in, out)) return;
                continue;
            }
            if (h.type() == MessageType.STATE_RESTORE && !stateFits(h, in, out)) continue;
            byte[] payload = new byte[h.length()];
            in.readFully(payload);
            switch (h.type()) {
                case CALIBRATE -> control(out, device::calibrate);
                case RESET -> control(out, device::reset);
                case STATE_SAVE -> state(out, device::saveState);
                case STATE_RESTORE -> state(out, () -> device.restoreState(Messages.State.decode(payload).blob()));
                case CLOSE -> {
                    LOG.info("Client {} closed the connection", peer);
                    return;
                }
                default -> throw new ProtocolException(ErrorCode.MALFORMED, "Expected a request frame (got " + h.type() + ")");
            }
        }
    }

    /**
     * Reads a MEASURE: first its 17-byte head (batch id, dtype, rows, cols), checked against the frame length and
     * the device's spec before a single value is read or allocated; a shape the device refuses is answered with
     * BAD_INPUT and its values are skipped through a small scratch buffer. Returns false when the connection must end.
     */
    private boolean measure(Frame.Header h, DataInputStream in, OutputStream out) throws IOException {
        if (h.length() < Protocol.MEASURE_HEADER_BYTES) {
            throw new ProtocolException(ErrorCode.MALFORMED, "Expected at least " + Protocol.MEASURE_HEADER_BYTES
                    + " payload bytes in MEASURE (got " + h.length() + ")");
        }
        byte[] payload = new byte[Protocol.MEASURE_HEADER_BYTES];
        in.readFully(payload);
        ByteBuffer b = ByteBuffer.wrap(payload);
        long batchId = b.getLong();
        int dtype = Byte.toUnsignedInt(b.get());
        int rows = b.getInt(), cols = b.getInt();
        int size = Protocol.elementBytes(dtype);
        if (rows < 1 || cols < 1) {
            throw new ProtocolException(ErrorCode.MALFORMED, "Expected at least 1 row and 1 column in MEASURE (got " + rows + "x" + cols + ")");
        }
        long expected = Protocol.MEASURE_HEADER_BYTES + (long) rows * cols * size;
        if (expected != h.length()) {
            throw new ProtocolException(ErrorCode.MALFORMED, "Expected " + expected + " payload bytes in MEASURE for " + rows + "x" + cols
                    + " values of " + size + " bytes (got " + h.length() + ")");
        }
        SystemSpec spec = device.spec();
        String bad = rows > spec.maxBatch() ? "Expected at most " + spec.maxBatch() + " rows (got " + rows + ")"
                : cols != spec.inputSize() ? "Expected " + spec.inputSize() + " input columns (got " + cols + ")" : null;
        if (bad != null) {
            LOG.warn("Batch {} from {} refused: {}", batchId, peer, bad);
            sendError(out, ErrorCode.BAD_INPUT, batchId, bad);
            skip(in, h.length() - Protocol.MEASURE_HEADER_BYTES);
            return true;
        }
        payload = java.util.Arrays.copyOf(payload, h.length());
        in.readFully(payload, Protocol.MEASURE_HEADER_BYTES, h.length() - Protocol.MEASURE_HEADER_BYTES);
        return measure(payload, out);
    }

    /**
     * A STATE_RESTORE is refused from its header, before its blob is read, when the device has no restorable
     * state (UNSUPPORTED_OPERATION) or the blob is far larger than the device's state (BAD_INPUT); the blob is
     * then skipped and the connection stays open.
     */
    private boolean stateFits(Frame.Header h, DataInputStream in, OutputStream out) throws IOException {
        long limit = device.stateRestoreLimit();
        if (limit >= 0 && h.length() <= limit + 12) return true;
        if (limit < 0) {
            refuseRequest(out, ErrorCode.UNSUPPORTED_OPERATION, -1, "Expected a device with restorable state (got one without)");
        } else {
            refuseRequest(out, ErrorCode.BAD_INPUT, -1, "Expected a device state of at most " + limit + " bytes (got "
                    + (h.length() - 12) + ")");
        }
        skip(in, h.length());
        return false;
    }

    /** Reads and drops {@code n} bytes through a buffer of at most 64 KiB (never sized by the peer's claim alone). */
    private static void skip(DataInputStream in, long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(n, 1 << 16)];
        while (n > 0) {
            int r = in.read(scratch, 0, (int) Math.min(n, scratch.length));
            if (r < 0) throw new EOFException("client closed the connection inside a refused request");
            n -= r;
        }
    }

    /** Handles one MEASURE, applying the fault plan; returns false when the connection must end. */
    private boolean measure(byte[] payload, OutputStream out) throws IOException {
        Messages.Measure m = Messages.Measure.decode(payload, Integer.MAX_VALUE); // shape checked by the caller
        Fault fault = server.nextFault();
        if (fault instanceof Fault.DropBeforeMeasure) return drop("before measuring", m);
        if (fault instanceof Fault.Restart r) {
            LOG.warn("Fault injection: restarting as device '{}'", r.newDeviceId());
            server.restartAs(r.newDeviceId());
            return false;
        }
        if (fault instanceof Fault.Error e) {
            sendError(out, e.code(), m.batchId(), e.message());
            return true;
        }
        Messages.Result result;
        try {
            result = device.measure(m, payload);
        } catch (DeviceException e) {
            LOG.warn("Batch {} from {} refused: {}", m.batchId(), peer, e.getMessage());
            sendError(out, e.code(), m.batchId(), e.getMessage());
            return true;
        }
        if (fault instanceof Fault.DropAfterMeasure) return drop("after measuring", m);
        if (fault instanceof Fault.Late late) {
            LOG.warn("Fault injection: answering batch {} after {}", m.batchId(), late.delay());
            sleep(late.delay().toMillis());
        }
        if (fault instanceof Fault.Malformed) {
            LOG.warn("Fault injection: malformed answer to batch {}", m.batchId());
            Frame.writeRaw(out, 0xDEADBEEF, Protocol.VERSION, MessageType.RESULT.code(), 4, new byte[4]);
            return true;
        }
        Frame.write(out, MessageType.RESULT, result.encode());
        return true;
    }

    private boolean drop(String when, Messages.Measure m) {
        LOG.warn("Fault injection: dropping the connection {} batch {}", when, m.batchId());
        return false;
    }

    private interface Action { void run(); }

    private interface StateAction { Messages.State run() throws ProtocolException; }

    private void control(OutputStream out, Action action) throws IOException {
        try {
            action.run();
            sendSpec(out);
        } catch (UnsupportedOperationException e) {
            refuseRequest(out, ErrorCode.UNSUPPORTED_OPERATION, -1, e.getMessage());
        } catch (RuntimeException e) {
            refuseRequest(out, ErrorCode.DEVICE_FAULT, -1, "Expected the device to carry out the request (got " + e + ")");
        }
    }

    private void state(OutputStream out, StateAction action) throws IOException {
        try {
            Frame.write(out, MessageType.STATE, action.run().encode());
        } catch (UnsupportedOperationException e) {
            refuseRequest(out, ErrorCode.UNSUPPORTED_OPERATION, -1, e.getMessage());
        } catch (RuntimeException e) {
            refuseRequest(out, ErrorCode.DEVICE_FAULT, -1, "Expected the device to carry out the request (got " + e + ")");
        }
    }

    private void sendSpec(OutputStream out) throws IOException {
        Frame.write(out, MessageType.SPEC, new Messages.Spec(device.spec(), device.stateCounter(), config.maxPayload()).encode());
    }

    private boolean refuse(OutputStream out, ErrorCode code, String message) {
        LOG.warn("Refusing connection from {}: {}", peer, message);
        sendError(out, code, -1, message);
        return false;
    }

    /** A refused request that leaves the connection open: one log line, one ERROR frame. */
    private void refuseRequest(OutputStream out, ErrorCode code, long batchId, String message) {
        LOG.warn("Request from {} refused: {}: {}", peer, code, message);
        sendError(out, code, batchId, message);
    }

    private void sendError(OutputStream out, ErrorCode code, long batchId, String message) {
        try {
            Frame.write(out, MessageType.ERROR, new Messages.Error(code, batchId, message).encode());
        } catch (IOException e) {
            LOG.debug("Could not send ERROR to {}: {}", peer, e.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the connection (another client took over, or the server is closing). */
    void kill() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Closing {}: {}", peer, e.toString());
        }
    }
}
