package org.forwardlearn.physical.hil;

import static org.junit.jupiter.api.Assertions.*;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The device server against a hostile network (issue 15, cause 5): deadlines for the handshake and for every
 * request, slots freed at the deadline, limits checked from the headers before any body is read, one ERROR
 * frame and one log line per refusal, a token required beyond loopback, no takeover without the flag.
 * Everything on 127.0.0.1 with bounded loops.
 */
@Timeout(30)
class HostileNetworkTest {
    private static final String HIL = "org.forwardlearn.physical.hil";
    private static final byte[] TOKEN = "lab-token".getBytes(StandardCharsets.UTF_8);
    private final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private AbstractAppender appender;

    @BeforeEach
    void captureLogs() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration cfg = ctx.getConfiguration();
        appender = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override public void append(LogEvent e) { events.add(e.toImmutable()); }
        };
        appender.start();
        LoggerConfig lc = new LoggerConfig(HIL, Level.INFO, false);
        lc.addAppender(appender, Level.WARN, null);
        cfg.addLogger(HIL, lc);
        ctx.updateLoggers();
    }

    @AfterEach
    void stopCapture() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().removeLogger(HIL);
        ctx.updateLoggers();
        appender.stop();
    }

    private List<LogEvent> refusals() {
        List<LogEvent> out = new ArrayList<>();
        for (LogEvent e : events) if (e.getLevel().isMoreSpecificThan(Level.WARN) && e.getLoggerName().endsWith("ServerSession")) out.add(e);
        return out;
    }

    /** Waits (bounded) until the server logged {@code n} refusals, then checks none carries a stack trace. */
    private void assertRefusalsLogged(int n) throws InterruptedException {
        for (int i = 0; i < 200 && refusals().size() < n; i++) Thread.sleep(10);
        List<LogEvent> r = refusals();
        assertEquals(n, r.size(), "one log line per refusal: " + r.stream().map(e -> e.getMessage().getFormattedMessage()).toList());
        for (LogEvent e : r) assertNull(e.getThrown(), "no stack trace: " + e.getMessage().getFormattedMessage());
    }

    private static DeviceServer serve(FakeDevice d, DeviceServerConfig.Builder b) throws IOException { return DeviceServer.start(d, b.build()); }

    private static Socket open(DeviceServer server) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static void hello(Socket s, byte[] token, int flags) throws IOException {
        Frame.write(s.getOutputStream(), MessageType.HELLO, flags, new Messages.Hello(1, "raw", token).encode());
        assertEquals(MessageType.SPEC, Frame.read(new DataInputStream(s.getInputStream()), 4096).type());
    }

    private static Messages.Error readError(Socket s) throws IOException {
        Frame f = Frame.read(new DataInputStream(s.getInputStream()), 4096);
        assertEquals(MessageType.ERROR, f.type());
        return Messages.Error.decode(f.payload());
    }

    private static void assertClosedByServer(Socket s) throws IOException {
        try {
            assertEquals(-1, s.getInputStream().read(), "the server closes the connection");
        } catch (SocketException reset) {
            // a reset is a close too
        }
    }

    /** A MEASURE head (12-byte frame header + batch id, dtype, rows, cols) announcing rows x cols float64 values. */
    private static byte[] measureHead(long batchId, int rows, int cols, long declared) {
        ByteBuffer b = ByteBuffer.allocate(12 + 17);
        b.putInt(Protocol.MAGIC).putShort((short) 1).put((byte) MessageType.MEASURE.code()).put((byte) 0).putInt((int) declared);
        b.putLong(batchId).put((byte) Protocol.DTYPE_F64).putInt(rows).putInt(cols);
        return b.array();
    }

    @Test
    void helloDeadlineIsForTheWholeHandshakeNotPerRead() throws Exception {
        try (FakeDevice d = new FakeDevice(1, 3, 2, 4, 0);
             DeviceServer server = serve(d, DeviceServerConfig.builder().helloTimeout(Duration.ofMillis(600)));
             Socket s = open(server)) {
            java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
            Frame.write(frame, MessageType.HELLO, new Messages.Hello(1, "slow-client", new byte[0]).encode());
            byte[] hello = frame.toByteArray(); // 31 bytes at 20 per second: 1.5 s, past the 0.6 s deadline
            long t0 = System.nanoTime();
            OutputStream out = s.getOutputStream();
            boolean cut = false;
            for (int i = 0; i < hello.length && !cut; i++) { // one byte every 50 ms: each read is quick, the whole is slow
                try {
                    out.write(hello[i]);
                    out.flush();
                    Thread.sleep(50);
                } catch (SocketException e) {
                    cut = true;
                }
                if (s.getInputStream().available() > 0) break;
            }
            Messages.Error e = readError(s);
            double secs = (System.nanoTime() - t0) / 1e9;
            assertEquals(ErrorCode.DEADLINE_EXCEEDED, e.code());
            assertEquals("Expected a complete HELLO within 600 ms of connecting (got an incomplete one)", e.message());
            assertTrue(secs < 1.5, "refused at the deadline (after " + secs + " s)");
            assertClosedByServer(s);
            assertRefusalsLogged(1);
        }
    }

    @Test
    void fourSlowLorisClientsDoNotLockOutACorrectOne() throws Exception {
        try (FakeDevice d = new FakeDevice(2, 3, 2, 4, 0);
             DeviceServer server = serve(d, DeviceServerConfig.builder().maxConnections(4).helloTimeout(Duration.ofSeconds(20)))) {
            List<Socket> loris = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = open(server);
                    s.getOutputStream().write(0x46); // the first byte of a HELLO, and nothing more
                    s.getOutputStream().flush();
                    loris.add(s);
                }
                Thread.sleep(100);
                long t0 = System.nanoTime();
                try (RemotePhysicalSystem ok = RemotePhysicalSystem.connect(RemoteConfig.builder(server.uri()).maxRetries(0).build())) {
                    assertEquals(2, ok.measure(FakeDevice.inputs(1, 2, 3)).length);
                }
                assertTrue((System.nanoTime() - t0) / 1e9 < 2, "the correct client got in at once");
                assertClosedByServer(loris.get(0)); // the oldest dribbling handshake made room
            } finally {
                for (Socket s : loris) s.close();
            }
        }
    }

    @Test
    void slowLorisSlotsAreFreedAtTheHandshakeDeadline() throws Exception {
        try (FakeDevice d = new FakeDevice(3, 3, 2, 4, 0);
             DeviceServer server = serve(d, DeviceServerConfig.builder().maxConnections(4).helloTimeout(Duration.ofMillis(500)))) {
            List<Socket> loris = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = open(server);
                    s.getOutputStream().write(0x46);
                    loris.add(s);
                }
                long t0 = System.nanoTime();
                for (Socket s : loris) {
                    assertEquals(ErrorCode.DEADLINE_EXCEEDED, readError(s).code());
                    assertClosedByServer(s);
                }
                assertTrue((System.nanoTime() - t0) / 1e9 < 1.5, "all four freed at the deadline");
                assertRefusalsLogged(4);
            } finally {
                for (Socket s : loris) s.close();
            }
        }
    }

    @Test
    void requestDeadlineHasABytesPerSecondFloor() throws Exception {
        try (FakeDevice d = new FakeDevice(4, 3, 2, 4, 0);
             DeviceServer server = serve(d, DeviceServerConfig.builder().requestTimeout(Duration.ofMillis(300)).minBytesPerSecond(1 << 20));
             Socket s = open(server)) {
            hello(s, new byte[0], 0);
            OutputStream out = s.getOutputStream();
            out.write(measureHead(5, 1, 3, 17 + 24)); // announces 24 bytes of values, sends none
            out.flush();
            long t0 = System.nanoTime();
            Messages.Error e = readError(s);
            double secs = (System.nanoTime() - t0) / 1e9;
            assertEquals(ErrorCode.DEADLINE_EXCEEDED, e.code());
            assertTrue(e.message().startsWith("Expected the complete MEASURE frame (41 payload bytes) within 300 ms of its first byte"), e.message());
            assertTrue(secs < 1.2, "refused at the deadline (after " + secs + " s)");
            assertClosedByServer(s);
            assertEquals(0, d.queries());
            assertRefusalsLogged(1);
        }
    }

    @Test
    void a64MiBRequestIsRefusedFromItsHeadBeforeTheBodyIsRead() throws Exception {
        try (FakeDevice d = new FakeDevice(5, 3, 2, 4, 0); DeviceServer server = serve(d, DeviceServerConfig.builder());
             Socket s = open(server)) {
            hello(s, new byte[0], 0);
            int rows = (Protocol.MAX_PAYLOAD - 17) / 8; // one float64 column: 64 MiB of values
            s.getOutputStream().write(measureHead(77, rows, 1, 17L + 8L * rows));
            s.getOutputStream().flush();
            Messages.Error e = readError(s); // answered after 29 bytes: the 64 MiB were never sent, so never buffered
            assertEquals(ErrorCode.BAD_INPUT, e.code());
            assertEquals(77, e.batchId());
            assertEquals("Expected at most 4 rows (got " + rows + ")", e.message());
            assertEquals(0, server.measureRequests());
        }
        try (FakeDevice d = new FakeDevice(6, 3, 2, 4, 0); DeviceServer server = serve(d, DeviceServerConfig.builder());
             Socket s = open(server)) {
            hello(s, new byte[0], 0);
            s.getOutputStream().write(measureHead(78, 2, 5, 17 + 80)); // 5 columns for a 3-input device
            s.getOutputStream().write(new byte[80]);
            s.getOutputStream().flush();
            assertEquals("Expected 3 input columns (got 5)", readError(s).message());
            Frame.write(s.getOutputStream(), MessageType.MEASURE, new Messages.Measure(79, 2, new double[][] {{0, 0, 0}}).encode(null));
            assertEquals(MessageType.RESULT, Frame.read(new DataInputStream(s.getInputStream()), 4096).type(), "the connection survives");
            s.getOutputStream().write(measureHead(80, 1000, 1000, 17 + 8)); // claims 8 MB, frame says 25 bytes
            s.getOutputStream().flush();
            Messages.Error m = readError(s);
            assertEquals(ErrorCode.MALFORMED, m.code());
            assertEquals("Expected 8000017 payload bytes in MEASURE for 1000x1000 values of 8 bytes (got 25)", m.message());
            assertClosedByServer(s);
            assertRefusalsLogged(3);
        }
    }

    @Test
    void aHugeStateRestoreIsRefusedFromItsHeader() throws Exception {
        try (FakeDevice d = new FakeDevice(10, 3, 2, 4, 0); DeviceServer server = serve(d, DeviceServerConfig.builder());
             Socket s = open(server)) {
            hello(s, new byte[0], 0);
            Frame.writeRaw(s.getOutputStream(), Protocol.MAGIC, 1, MessageType.STATE_RESTORE.code(), 60L << 20, new byte[0]);
            Messages.Error e = readError(s); // answered from the header: the 60 MiB were never sent
            assertEquals(ErrorCode.BAD_INPUT, e.code());
            assertTrue(e.message().matches("Expected a device state of at most \\d+ bytes \\(got 62914548\\)"), e.message());
            assertRefusalsLogged(1);
        }
    }

    @Test
    void everyRefusalIsOneErrorFrameAndOneLogLineWithoutAStackTrace() throws Exception {
        try (FakeDevice d = new FakeDevice(7, 3, 2, 4, 0); DeviceServer server = serve(d, DeviceServerConfig.builder().token(TOKEN))) {
            int refusals = 0;
            try (Socket s = open(server)) { // bad magic
                Frame.writeRaw(s.getOutputStream(), 0x12345678, 1, 1, 0, new byte[0]);
                assertEquals(ErrorCode.MALFORMED, readError(s).code());
                assertClosedByServer(s);
                refusals++;
            }
            try (Socket s = open(server)) { // wrong token
                Frame.write(s.getOutputStream(), MessageType.HELLO, new Messages.Hello(1, "x", "nope".getBytes(StandardCharsets.UTF_8)).encode());
                assertEquals(ErrorCode.AUTH_FAILED, readError(s).code());
                assertClosedByServer(s);
                refusals++;
            }
            try (Socket s = open(server)) { // huge claim after HELLO, inadmissible value, unknown type
                hello(s, TOKEN, 0);
                Frame.write(s.getOutputStream(), MessageType.MEASURE, new Messages.Measure(1, 2, new double[][] {{5, 0, 0}}).encode(null));
                assertEquals(ErrorCode.BAD_INPUT, readError(s).code());
                refusals++;
                Frame.write(s.getOutputStream(), MessageType.STATE_SAVE, new byte[0]); // FakeDevice has state: answered
                assertEquals(MessageType.STATE, Frame.read(new DataInputStream(s.getInputStream()), 1 << 20).type());
                Frame.writeRaw(s.getOutputStream(), Protocol.MAGIC, 1, MessageType.MEASURE.code(), 0xFFFF_FFFFL, new byte[0]);
                assertEquals(ErrorCode.FRAME_TOO_LARGE, readError(s).code());
                assertClosedByServer(s);
                refusals++;
            }
            assertRefusalsLogged(refusals);
        }
    }

    @Test
    void aNonLoopbackBindRequiresATokenAndWarnsThatTheProtocolIsPlaintext() throws IOException {
        try (FakeDevice d = new FakeDevice(8, 3, 2, 4, 0)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DeviceServer.start(d, DeviceServerConfig.builder().bind("0.0.0.0").build()));
            assertEquals("Expected a token (--token-file) to listen on the non-loopback address 0.0.0.0 (got none): "
                    + "without one anyone who can reach the port drives the device", e.getMessage());
            assertTrue(DeviceServer.exposureWarning("0.0.0.0").contains("plaintext"));
            try (DeviceServer loop = DeviceServer.start(d, DeviceServerConfig.builder().bind("127.0.0.1").build())) {
                assertEquals("tcp://127.0.0.1:" + loop.port(), loop.uri(), "loopback needs no token");
            }
        }
    }

    @Test
    void aTrainersSessionIsNotTakenOverWithoutTheTokenAndAnExplicitTakeover() throws Exception {
        try (FakeDevice d = new FakeDevice(9, 3, 2, 4, 0.01);
             DeviceServer server = serve(d, DeviceServerConfig.builder().token(TOKEN));
             RemotePhysicalSystem trainer = RemotePhysicalSystem.connect(RemoteConfig.builder(server.uri()).token(TOKEN).build())) {
            trainer.measure(FakeDevice.inputs(1, 2, 3));
            try (Socket s = open(server)) { // right token, no takeover flag
                Frame.write(s.getOutputStream(), MessageType.HELLO, new Messages.Hello(1, "intruder", TOKEN).encode());
                Messages.Error e = readError(s);
                assertEquals(ErrorCode.SESSION_BUSY, e.code());
                assertTrue(e.message().startsWith("Expected the device's session to be free (got it held by client 'forwardlearn' from /127.0.0.1:"),
                        e.message());
                assertClosedByServer(s);
            }
            try (Socket s = open(server)) { // takeover flag, wrong token
                Frame.write(s.getOutputStream(), MessageType.HELLO, Protocol.FLAG_TAKEOVER,
                        new Messages.Hello(1, "intruder", "guess".getBytes(StandardCharsets.UTF_8)).encode());
                assertEquals(ErrorCode.AUTH_FAILED, readError(s).code());
                assertClosedByServer(s);
            }
            trainer.measure(FakeDevice.inputs(2, 2, 3));
            assertEquals(0, trainer.stats().reconnects(), "the trainer kept its connection");
            assertRefusalsLogged(2);
            try (Socket s = open(server)) { // token and takeover: allowed, the trainer's connection is closed
                hello(s, TOKEN, Protocol.FLAG_TAKEOVER);
            }
            trainer.measure(FakeDevice.inputs(3, 2, 3)); // reconnects with the takeover flag
            assertEquals(1, trainer.stats().reconnects());
            assertEquals(6, d.samples());
        }
    }
}
