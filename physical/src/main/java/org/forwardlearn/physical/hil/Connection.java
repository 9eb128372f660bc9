package org.forwardlearn.physical.hil;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The client side of one TCP connection: open + HELLO/SPEC handshake, then frames. */
final class Connection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Messages.Spec spec;

    private Connection(Socket socket, Messages.Spec spec, InputStream in, OutputStream out) {
        this.socket = socket;
        this.spec = spec;
        this.in = in;
        this.out = out;
    }

    /**
     * Connects and performs the handshake.
     *
     * @param takeover set the HELLO takeover flag: replace whichever client holds the device's session
     *
     * @throws DeviceException on an ERROR answer to HELLO that is not {@link ErrorCode#retryable()}
     * @throws IOException     on transport failures, timeouts and malformed answers
     */
    static Connection open(RemoteConfig cfg, boolean takeover) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(cfg.host(), cfg.port()), Math.toIntExact(cfg.connectTimeout().toMillis()));
            s.setSoTimeout(Math.toIntExact(cfg.readTimeout().toMillis()));
            s.setTcpNoDelay(true);
            InputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            OutputStream out = new BufferedOutputStream(s.getOutputStream());
            byte[] token = cfg.token() == null ? new byte[0] : cfg.token();
            Frame.write(out, MessageType.HELLO, takeover ? Protocol.FLAG_TAKEOVER : 0, new Messages.Hello(Protocol.VERSION, cfg.clientId(), token).encode());
            Frame f = Frame.read(in, Protocol.MAX_PRE_AUTH_PAYLOAD);
            if (f.type() == MessageType.ERROR) {
                Messages.Error e = Messages.Error.decode(f.payload());
                if (e.code().retryable()) throw new TransientError(e.message());
                throw new DeviceException(e.code(), "Device at " + cfg.uri() + " refused the connection: " + e.message());
            }
            if (f.type() != MessageType.SPEC) {
                throw new ProtocolException(ErrorCode.MALFORMED, "Expected SPEC in answer to HELLO (got " + f.type() + ")");
            }
            return new Connection(s, Messages.Spec.decode(f.payload()), in, out);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    Messages.Spec spec() { return spec; }

    void send(MessageType type, byte[] payload) throws IOException { Frame.write(out, type, payload); }

    Frame read(int maxPayload) throws IOException { return Frame.read(in, maxPayload); }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket we no longer use; nothing to do
        }
    }

    /** An ERROR with a retryable code: nothing was done; the same request may be resent later. */
    static final class TransientError extends IOException {
        TransientError(String message) { super(message); }
    }
}
