package org.forwardlearn.physical.hil;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
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
    private volatile boolean authenticated;

    ServerSession(DeviceServer server, ServedDevice device, DeviceServerConfig config, Socket socket) {
        this.server = server;
        this.device = device;
        this.config = config;
        this.socket = socket;
        this.peer = String.valueOf(socket.getRemoteSocketAddress());
    }

    @Override
    public void run() {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            try {
                if (handshake(in, out)) serve(in, out);
            } catch (ProtocolException e) {
                LOG.warn("Refusing frame from {}: {}", peer, e.getMessage());
                sendError(out, e.code(), -1, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Unexpected failure serving {}", peer, e);
                sendError(out, ErrorCode.INTERNAL, -1, "Expected to serve the request (got " + e + ")");
            }
        } catch (SocketTimeoutException e) {
            LOG.info("Closing {}: {} timeout", peer, authenticated ? "idle" : "HELLO");
        } catch (EOFException | SocketException e) {
            LOG.debug("Connection {} ended: {}", peer, e.toString());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Connection {} failed", peer, e);
        } finally {
            server.sessionEnded(this);
        }
    }

    /** Reads HELLO (payload at most {@value Protocol#MAX_PRE_AUTH_PAYLOAD} bytes), checks version and token, answers SPEC. */
    private boolean handshake(InputStream in, OutputStream out) throws IOException {
        socket.setSoTimeout(Math.toIntExact(config.helloTimeout().toMillis()));
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
        authenticated = true;
        server.activate(this);
        LOG.info("Client '{}' connected from {}", hello.clientId(), peer);
        sendSpec(out);
        socket.setSoTimeout(Math.toIntExact(config.idleTimeout().toMillis()));
        return true;
    }

    private void serve(InputStream in, OutputStream out) throws IOException {
        while (true) {
            Frame f = Frame.read(in, config.maxPayload());
            switch (f.type()) {
                case MEASURE -> { if (!measure(f.payload(), out)) return; }
                case CALIBRATE -> control(out, device::calibrate);
                case RESET -> control(out, device::reset);
                case STATE_SAVE -> state(out, device::saveState);
                case STATE_RESTORE -> state(out, () -> device.restoreState(Messages.State.decode(f.payload()).blob()));
                case CLOSE -> {
                    LOG.info("Client {} closed the connection", peer);
                    return;
                }
                default -> {
                    sendError(out, ErrorCode.MALFORMED, -1, "Expected a request frame (got " + f.type() + ")");
                    return;
                }
            }
        }
    }

    /** Handles one MEASURE, applying the fault plan; returns false when the connection must end. */
    private boolean measure(byte[] payload, OutputStream out) throws IOException {
        Messages.Measure m = Messages.Measure.decode(payload, Integer.MAX_VALUE); // maxBatch: BAD_INPUT below
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
            LOG.warn("Batch {} refused: {}", m.batchId(), e.getMessage());
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
            sendError(out, ErrorCode.UNSUPPORTED_OPERATION, -1, e.getMessage());
        } catch (RuntimeException e) {
            sendError(out, ErrorCode.DEVICE_FAULT, -1, "Expected the device to carry out the request (got " + e + ")");
        }
    }

    private void state(OutputStream out, StateAction action) throws IOException {
        try {
            Frame.write(out, MessageType.STATE, action.run().encode());
        } catch (UnsupportedOperationException e) {
            sendError(out, ErrorCode.UNSUPPORTED_OPERATION, -1, e.getMessage());
        } catch (RuntimeException e) {
            sendError(out, ErrorCode.DEVICE_FAULT, -1, "Expected the device to carry out the request (got " + e + ")");
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
