package org.forwardlearn.physical.hil;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * The JUnit runner of the protocol conformance cases ({@code python/conformance/cases.json}, PROTOCOL.md
 * "Conformance"), against the Java {@link DeviceServer} and the Python server ({@code python3 -m
 * forwardlearn_device.testing}), one fresh server per case. The unittest runner runs the same file.
 */
@Timeout(180)
class ConformanceTest {
    private static final JsonNode DOC = load();
    private static final Map<String, Integer> TYPES = new HashMap<>();

    static {
        for (MessageType t : MessageType.values()) TYPES.put(t.name(), t.code());
    }

    private static JsonNode load() {
        try {
            return new ObjectMapper().readTree(PythonDevice.sourceDir().resolve("conformance/cases.json").toFile());
        } catch (IOException e) {
            throw new IllegalStateException("Expected readable conformance cases (got " + e + ")", e);
        }
    }

    /** The settings line of a case's server (the line protocol of TestServerMain and forwardlearn_device.testing). */
    static String[] settings(String server) {
        JsonNode d = DOC.get("device"), s = DOC.get("servers").get(server);
        List<String> w = new ArrayList<>(List.of("seed=" + d.get("seed").asLong(), "noise=" + d.get("noise").asDouble(),
                "inputs=" + d.get("inputs").asInt(), "outputs=" + d.get("outputs").asInt(), "max_batch=" + d.get("max_batch").asInt(),
                "hello_ms=" + s.get("hello_timeout_ms").asLong(), "request_ms=" + s.get("request_timeout_ms").asLong(),
                "min_rate=" + s.get("min_bytes_per_second").asLong()));
        if (!s.get("token").isNull()) w.add("token=" + s.get("token").asText());
        return w.toArray(new String[0]);
    }

    @TestFactory
    Stream<DynamicTest> everyCaseOnTheJavaServer() {
        assertTrue(DOC.get("cases").size() >= 30);
        return cases().map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
            try (DeviceServer s = TestServerMain.start(settings(c.get("server").asText()))) {
                run(c, s.port());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyCaseOnThePythonServer() throws IOException {
        PythonDevice.assumePython();
        Process p = PythonDevice.python(List.of("-m", "forwardlearn_device.testing")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Writer toPy = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader fromPy = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        ToIntFunction<String[]> start = w -> Integer.parseInt(ask(toPy, fromPy, "start " + String.join(" ", w), "port")[1]);
        IntConsumer stop = port -> ask(toPy, fromPy, "stop " + port, "stopped");
        List<DynamicTest> tests = new ArrayList<>();
        cases().forEach(c -> tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
            int port = start.applyAsInt(settings(c.get("server").asText()));
            try {
                run(c, port);
            } finally {
                stop.accept(port);
            }
        })));
        return tests.stream().onClose(() -> {
            try {
                toPy.close();
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (IOException | InterruptedException e) {
                p.destroyForcibly();
            }
        });
    }

    private static String[] ask(Writer out, BufferedReader in, String line, String expect) {
        try {
            out.write(line + "\n");
            out.flush();
            String a = in.readLine();
            String[] w = a == null ? new String[0] : a.trim().split("\\s+");
            if (w.length == 0 || !w[0].equals(expect)) throw new IllegalStateException("Expected '" + expect + " ...' from the Python test server (got " + a + ")");
            return w;
        } catch (IOException e) {
            throw new IllegalStateException("Expected the Python test server to answer (got " + e + ")", e);
        }
    }

    private static Stream<JsonNode> cases() {
        List<JsonNode> l = new ArrayList<>();
        DOC.get("cases").forEach(l::add);
        return l.stream();
    }

    // -- the step interpreter (the same semantics as forwardlearn_device/conformance.py) ---------------------------

    static void run(JsonNode c, int port) throws IOException {
        Map<String, Socket> conns = new LinkedHashMap<>();
        Map<String, byte[]> saved = new HashMap<>();
        try {
            int i = 0;
            for (JsonNode step : c.get("steps")) {
                String name = step.has("conn") ? step.get("conn").asText() : "a";
                String what = c.get("name").asText() + ", step " + i++ + " (" + step.fieldNames().next() + ")";
                try {
                    if (step.has("send")) conn(conns, name, port).getOutputStream().write(encode(step.get("send"), saved));
                    else if (step.has("send_hex")) conn(conns, name, port).getOutputStream().write(hex(step.get("send_hex").asText()));
                    else if (step.has("expect")) expect(conn(conns, name, port), step.get("expect"), step.has("within_ms") ? step.get("within_ms").asLong() : -1, saved);
                    else if (step.has("expect_closed")) expectClosed(conn(conns, name, port));
                    else if (step.has("close")) conns.remove(step.get("close").asText()).close();
                    else if (step.has("sleep_ms")) Thread.sleep(step.get("sleep_ms").asLong());
                    else fail("Expected a known step (got " + step + ")");
                } catch (AssertionError | IOException e) {
                    throw new AssertionError(what + ": " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        } finally {
            for (Socket s : conns.values()) s.close();
        }
    }

    private static Socket conn(Map<String, Socket> conns, String name, int port) throws IOException {
        Socket s = conns.get(name);
        if (s == null) {
            s = new Socket("127.0.0.1", port);
            s.setSoTimeout(3000);
            conns.put(name, s);
        }
        return s;
    }

    static byte[] encode(JsonNode send, Map<String, byte[]> saved) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        for (JsonNode f : send.path("payload")) {
            String kind = f.get(0).asText();
            JsonNode v = f.get(1);
            ByteBuffer b = ByteBuffer.allocate(8);
            switch (kind) {
                case "u8" -> p.write(v.asInt());
                case "u16" -> p.writeBytes(ByteBuffer.allocate(2).putShort((short) v.asInt()).array());
                case "i32" -> p.write(b.putInt(v.asInt()).array(), 0, 4);
                case "i64" -> p.write(b.putLong(v.asLong()).array(), 0, 8);
                case "f32" -> p.write(b.putFloat((float) v.asDouble()).array(), 0, 4);
                case "f64" -> p.write(b.putDouble(v.asDouble()).array(), 0, 8);
                case "str", "utf8" -> {
                    byte[] s = v.asText().getBytes(StandardCharsets.UTF_8);
                    p.writeBytes(ByteBuffer.allocate(2).putShort((short) s.length).array());
                    p.writeBytes(s);
                }
                case "hex" -> p.writeBytes(hex(v.asText()));
                case "blob_of" -> {
                    byte[] blob = saved.get(v.asText());
                    p.writeBytes(ByteBuffer.allocate(4).putInt(blob.length).array());
                    p.writeBytes(blob);
                }
                default -> throw new IllegalArgumentException("Expected a field kind (got " + kind + ")");
            }
        }
        byte[] payload = p.toByteArray();
        int type = send.has("type_code") ? send.get("type_code").asInt() : TYPES.get(send.get("type").asText());
        long length = send.has("length") ? send.get("length").asLong() : payload.length;
        ByteBuffer h = ByteBuffer.allocate(Protocol.HEADER_BYTES + payload.length);
        h.putInt(send.has("magic") ? send.get("magic").asInt() : Protocol.MAGIC).putShort((short) (send.has("version") ? send.get("version").asInt() : 1))
                .put((byte) type).put((byte) send.path("flags").asInt(0)).putInt((int) length).put(payload);
        return h.array();
    }

    private static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        return b;
    }

    private static void expect(Socket s, JsonNode e, long withinMs, Map<String, byte[]> saved) throws IOException {
        long t0 = System.nanoTime();
        s.setSoTimeout(withinMs > 0 ? (int) withinMs + 500 : 3000);
        Frame f = Frame.read(new DataInputStream(s.getInputStream()), Protocol.MAX_PAYLOAD);
        String type = e.get("type").asText();
        String detail = f.type() == MessageType.ERROR ? " " + Messages.Error.decode(f.payload()) : "";
        assertEquals(type, f.type().name(), "frame type" + detail);
        if (withinMs > 0) assertTrue((System.nanoTime() - t0) / 1e6 <= withinMs, "answered within " + withinMs + " ms");
        switch (f.type()) {
            case ERROR -> {
                Messages.Error err = Messages.Error.decode(f.payload());
                assertEquals(e.get("code").asText(), err.code().name(), err.message());
                if (e.has("message")) assertEquals(e.get("message").asText(), err.message());
                if (e.has("message_prefix")) assertTrue(err.message().startsWith(e.get("message_prefix").asText()), err.message());
                if (e.has("batch_id")) assertEquals(e.get("batch_id").asLong(), err.batchId());
            }
            case SPEC -> {
                Messages.Spec sp = Messages.Spec.decode(f.payload());
                JsonNode fields = e.path("fields");
                if (fields.has("device_id")) assertEquals(fields.get("device_id").asText(), sp.spec().deviceId());
                if (fields.has("firmware")) assertEquals(fields.get("firmware").asText(), sp.spec().version());
                if (fields.has("inputs")) assertEquals(fields.get("inputs").asInt(), sp.spec().inputSize());
                if (fields.has("outputs")) assertEquals(fields.get("outputs").asInt(), sp.spec().outputSize());
                if (fields.has("max_batch")) assertEquals(fields.get("max_batch").asInt(), sp.spec().maxBatch());
                if (fields.has("domain")) {
                    JsonNode d = fields.get("domain");
                    assertEquals(new org.forwardlearn.physical.InputDomain.Continuous(d.get(1).asDouble(), d.get(2).asDouble()), sp.spec().domain());
                }
            }
            case RESULT -> {
                ByteBuffer b = ByteBuffer.wrap(f.payload());
                long id = b.getLong();
                b.getLong();
                b.getLong();
                boolean cached = (b.get() & 1) != 0;
                int dtype = b.get(), rows = b.getInt(), cols = b.getInt();
                byte[] values = Arrays.copyOfRange(f.payload(), 34, f.payload().length);
                if (e.has("batch_id")) assertEquals(e.get("batch_id").asLong(), id);
                if (e.has("cached")) assertEquals(e.get("cached").asBoolean(), cached, "cached flag");
                if (e.has("rows")) assertEquals(e.get("rows").asInt(), rows);
                if (e.has("cols")) assertEquals(e.get("cols").asInt(), cols);
                if (e.has("dtype")) assertEquals(e.get("dtype").asInt(), dtype);
                assertEquals(rows * cols * (dtype == 2 ? 8 : 4), values.length);
                if (e.has("same_values_as")) assertArrayEquals(saved.get(e.get("same_values_as").asText()), values, "same values");
                if (e.has("save_as")) saved.put(e.get("save_as").asText(), values);
            }
            case STATE -> {
                Messages.State st = Messages.State.decode(f.payload());
                if (e.has("state_counter")) assertEquals(e.get("state_counter").asLong(), st.counter());
                if (e.has("blob_bytes")) assertEquals(e.get("blob_bytes").asInt(), st.blob().length);
                if (e.has("save_as")) saved.put(e.get("save_as").asText(), st.blob());
            }
            default -> fail("Expected a device answer (got " + f.type() + ")");
        }
    }

    private static void expectClosed(Socket s) throws IOException {
        s.setSoTimeout(3000);
        try {
            int r = s.getInputStream().read();
            assertEquals(-1, r, "the device closes the connection");
        } catch (SocketException reset) {
            // reset: closed too
        } catch (SocketTimeoutException t) {
            fail("Expected the device to close the connection within 3 s (got it open)");
        } catch (EOFException eof) {
            // closed
        }
    }
}
