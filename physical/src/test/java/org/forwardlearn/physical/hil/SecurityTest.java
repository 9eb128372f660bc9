package org.forwardlearn.physical.hil;

import static org.junit.jupiter.api.Assertions.*;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SecurityTest {
    private static final byte[] TOKEN = "s3cret-lab-token".getBytes(StandardCharsets.UTF_8);

    private static DeviceServer serve(FakeDevice d, byte[] token) throws IOException {
        return DeviceServer.start(d, DeviceServerConfig.builder().token(token).build());
    }

    /** Sends raw bytes on a fresh socket and returns the single ERROR the server answers, checking it then closes. */
    private static Messages.Error rawExchange(DeviceServer server, RawWriter w) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            w.write(out);
            DataInputStream in = new DataInputStream(s.getInputStream());
            Frame f = Frame.read(in, Protocol.MAX_PRE_AUTH_PAYLOAD);
            assertEquals(MessageType.ERROR, f.type());
            assertEquals(-1, in.read(), "server must close the connection after refusing");
            return Messages.Error.decode(f.payload());
        }
    }

    private interface RawWriter { void write(OutputStream out) throws IOException; }

    @Test
    void rightTokenIsAcceptedWrongOrMissingTokenIsRefused() throws IOException {
        try (FakeDevice d = new FakeDevice(1, 3, 2, 4, 0); DeviceServer server = serve(d, TOKEN)) {
            try (RemotePhysicalSystem ok = RemotePhysicalSystem.connect(RemoteConfig.builder(server.uri()).token(TOKEN).build())) {
                ok.measure(FakeDevice.inputs(1, 1, 3));
            }
            DeviceException wrong = assertThrows(DeviceException.class, () -> RemotePhysicalSystem.connect(
                    RemoteConfig.builder(server.uri()).token("guess".getBytes(StandardCharsets.UTF_8)).build()));
            assertEquals(ErrorCode.AUTH_FAILED, wrong.code());
            assertTrue(wrong.getMessage().endsWith("Expected the device's shared-secret token (got a wrong one)"), wrong.getMessage());
            DeviceException none = assertThrows(DeviceException.class, () -> RemotePhysicalSystem.connect(server.uri()));
            assertTrue(none.getMessage().endsWith("(got none)"), none.getMessage());
            assertEquals(1, server.measuredRows());
        }
    }

    @Test
    void tokensCompareByDigest() {
        assertTrue(Tokens.matches(TOKEN, TOKEN.clone()));
        assertFalse(Tokens.matches(TOKEN, new byte[0]));
        assertFalse(Tokens.matches(TOKEN, "s3cret-lab-tokeN".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void twoGigabyteClaimIsRefusedBeforeHelloAndAfterHelloAndTheServerStaysFine() throws IOException {
        try (FakeDevice d = new FakeDevice(2, 3, 2, 4, 0); DeviceServer server = serve(d, TOKEN)) {
            Messages.Error pre = rawExchange(server, out ->
                    Frame.writeRaw(out, Protocol.MAGIC, Protocol.VERSION, MessageType.HELLO.code(), 0x8000_0000L, new byte[0]));
            assertEquals(ErrorCode.FRAME_TOO_LARGE, pre.code());
            assertEquals("Expected a payload of at most 4096 bytes (got 2147483648)", pre.message());

            Messages.Error post = rawExchange(server, out -> {
                Frame.write(out, MessageType.HELLO, new Messages.Hello(1, "raw", TOKEN).encode());
                Frame.writeRaw(out, Protocol.MAGIC, Protocol.VERSION, MessageType.MEASURE.code(), 0x8000_0000L, new byte[0]);
            }, true);
            assertEquals(ErrorCode.FRAME_TOO_LARGE, post.code());
            assertEquals("Expected a payload of at most " + Protocol.MAX_PAYLOAD + " bytes (got 2147483648)", post.message());

            try (RemotePhysicalSystem ok = RemotePhysicalSystem.connect(RemoteConfig.builder(server.uri()).token(TOKEN).build())) {
                assertEquals(2, ok.measure(FakeDevice.inputs(1, 2, 3)).length);
            }
        }
    }

    /** Like {@link #rawExchange(DeviceServer, RawWriter)} but skips the SPEC answering a valid HELLO. */
    private static Messages.Error rawExchange(DeviceServer server, RawWriter w, boolean skipSpec) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            w.write(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            if (skipSpec) assertEquals(MessageType.SPEC, Frame.read(in, Protocol.MAX_PRE_AUTH_PAYLOAD).type());
            Frame f = Frame.read(in, Protocol.MAX_PRE_AUTH_PAYLOAD);
            assertEquals(MessageType.ERROR, f.type());
            assertEquals(-1, in.read(), "server must close the connection after refusing");
            return Messages.Error.decode(f.payload());
        }
    }

    @Test
    void unknownVersionsAndRequestsBeforeHelloAreRefused() throws IOException {
        try (FakeDevice d = new FakeDevice(3, 3, 2, 4, 0); DeviceServer server = serve(d, null)) {
            Messages.Error frameVersion = rawExchange(server, out ->
                    Frame.writeRaw(out, Protocol.MAGIC, 2, MessageType.HELLO.code(), 0, new byte[0]));
            assertEquals(ErrorCode.UNSUPPORTED_VERSION, frameVersion.code());
            assertEquals("Expected protocol version 1 (got 2)", frameVersion.message());

            Messages.Error helloVersion = rawExchange(server, out ->
                    Frame.write(out, MessageType.HELLO, new Messages.Hello(7, "future", new byte[0]).encode()));
            assertEquals("Expected protocol version 1 (got 7)", helloVersion.message());

            Messages.Error early = rawExchange(server, out ->
                    Frame.write(out, MessageType.MEASURE, new Messages.Measure(1, Protocol.DTYPE_F32, new double[][] {{0, 0, 0}}).encode(null)));
            assertEquals(ErrorCode.NOT_AUTHENTICATED, early.code());
            assertEquals("Expected HELLO as the first frame (got MEASURE)", early.message());
            assertEquals(0, server.measureRequests());
        }
    }

    @Test
    void clientRefusesAServerSpeakingAnotherVersionWithoutRetrying() throws Exception {
        try (java.net.ServerSocket fake = new java.net.ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = fake.accept()) {
                    Frame.read(s.getInputStream(), Protocol.MAX_PRE_AUTH_PAYLOAD);
                    Frame.writeRaw(s.getOutputStream(), Protocol.MAGIC, 3, MessageType.SPEC.code(), 0, new byte[0]);
                } catch (IOException ignored) {
                    // the test checks the client side
                }
            });
            t.start();
            DeviceException e = assertThrows(DeviceException.class,
                    () -> RemotePhysicalSystem.connect("tcp://127.0.0.1:" + fake.getLocalPort()));
            assertEquals(ErrorCode.UNSUPPORTED_VERSION, e.code());
            assertTrue(e.getMessage().endsWith("speaks another protocol: Expected protocol version 1 (got 3)"), e.getMessage());
            t.join(5000);
        }
    }
}
