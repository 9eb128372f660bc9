package org.forwardlearn.physical.hil;

import static org.junit.jupiter.api.Assertions.*;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every injected fault either heals (the client resends the same batch id, reconnecting when needed) or
 * fails with a clear error. The device drifts after every measurement, so a lost or duplicated
 * measurement would change every later output: equality with an in-process twin proves exactly-once.
 */
@Timeout(30)
class FaultTest {
    private static final int IN = 5, OUT = 3, MAX_BATCH = 4, CALLS = 6, ROWS = 3;
    private static final Duration READ_TIMEOUT = Duration.ofMillis(400);

    private static RemoteConfig config(DeviceServer s, int retries) {
        return RemoteConfig.builder(s.uri()).exact().readTimeout(READ_TIMEOUT).maxRetries(retries)
                .backoff(Duration.ofMillis(5), Duration.ofMillis(40)).build();
    }

    static Stream<Arguments> healingFaults() {
        return Stream.of(
                Arguments.of("drop before measuring", Fault.dropBeforeMeasure(), 1, 0),
                Arguments.of("drop after measuring", Fault.dropAfterMeasure(), 1, 1),
                Arguments.of("answer past the timeout", Fault.late(READ_TIMEOUT.multipliedBy(2)), 1, 1),
                Arguments.of("malformed answer", Fault.malformed(), 1, 1),
                Arguments.of("transient ERROR", Fault.error(ErrorCode.TRANSIENT, "warming up"), 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("healingFaults")
    void faultHealsWithExactlyOnceMeasurement(String name, Fault fault, int reconnects, int cached) throws IOException {
        FakeDevice twin = new FakeDevice(11, IN, OUT, MAX_BATCH, 0.05);
        try (FakeDevice device = new FakeDevice(11, IN, OUT, MAX_BATCH, 0.05);
             DeviceServer server = DeviceServer.start(device, DeviceServerConfig.builder().faultPlan(FaultPlan.at(2, fault)).build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(config(server, 3))) {
            for (int c = 0; c < CALLS; c++) {
                double[][] x = FakeDevice.inputs(100 + c, ROWS, IN);
                assertArrayEquals(twin.measure(x), remote.measure(x), name + ": call " + c);
            }
            RemoteStats st = remote.stats();
            assertEquals(CALLS, device.queries(), "device-side measurements");
            assertEquals(CALLS * ROWS, device.samples());
            assertEquals(CALLS * ROWS, remote.samples(), "client-side rows");
            assertEquals(CALLS, server.measuredBatches());
            assertEquals(1, st.retries(), st.toString());
            assertEquals(reconnects, st.reconnects(), st.toString());
            assertEquals(cached, st.cachedReplies(), st.toString());
            assertEquals(cached, server.cacheHits());
            assertEquals(CALLS + 1, server.measureRequests());
        }
    }

    @Test
    void dropInTheMiddleOfASplitBatchLosesNoRow() throws IOException {
        FakeDevice twin = new FakeDevice(12, IN, OUT, MAX_BATCH, 0.05);
        try (FakeDevice device = new FakeDevice(12, IN, OUT, MAX_BATCH, 0.05);
             DeviceServer server = DeviceServer.start(device,
                     DeviceServerConfig.builder().faultPlan(FaultPlan.at(1, Fault.dropAfterMeasure())).build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(config(server, 3))) {
            double[][] x = FakeDevice.inputs(7, 10, IN);
            double[][] got = remote.measure(x);
            for (int from = 0; from < 10; from += MAX_BATCH) {
                double[][] want = twin.measure(java.util.Arrays.copyOfRange(x, from, Math.min(10, from + MAX_BATCH)));
                for (int i = 0; i < want.length; i++) assertArrayEquals(want[i], got[from + i]);
            }
            assertEquals(3, device.queries());
            assertEquals(10, device.samples());
            assertEquals(1, remote.stats().cachedReplies());
        }
    }

    @Test
    void fatalErrorFrameFailsClearlyWithoutRetrying() throws IOException {
        try (FakeDevice device = new FakeDevice(13, IN, OUT, MAX_BATCH, 0.05);
             DeviceServer server = DeviceServer.start(device, DeviceServerConfig.builder()
                     .faultPlan(FaultPlan.at(2, Fault.error(ErrorCode.DEVICE_FAULT, "laser interlock open"))).build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(config(server, 3))) {
            remote.measure(FakeDevice.inputs(1, ROWS, IN));
            remote.measure(FakeDevice.inputs(2, ROWS, IN));
            DeviceException e = assertThrows(DeviceException.class, () -> remote.measure(FakeDevice.inputs(3, ROWS, IN)));
            assertEquals(ErrorCode.DEVICE_FAULT, e.code());
            assertTrue(e.getMessage().endsWith("refused MEASURE batch " + (e.getMessage().split("batch ")[1].split(" ")[0])
                    + " (rows 0..3 of 3): DEVICE_FAULT: laser interlock open"), e.getMessage());
            assertEquals(0, remote.stats().retries());
            assertEquals(2, device.queries());
            assertEquals(6, remote.samples());
            assertEquals(3, remote.measure(FakeDevice.inputs(4, ROWS, IN)).length, "the connection survives an ERROR");
        }
    }

    @Test
    void restartWithAnotherDeviceIdIsDetected() throws IOException {
        try (FakeDevice device = new FakeDevice(14, IN, OUT, MAX_BATCH, 0.05);
             DeviceServer server = DeviceServer.start(device,
                     DeviceServerConfig.builder().faultPlan(FaultPlan.at(2, Fault.restart("fake-14-rebooted"))).build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(config(server, 3))) {
            remote.measure(FakeDevice.inputs(1, ROWS, IN));
            remote.measure(FakeDevice.inputs(2, ROWS, IN));
            DeviceChangedException e = assertThrows(DeviceChangedException.class, () -> remote.measure(FakeDevice.inputs(3, ROWS, IN)));
            assertTrue(e.getMessage().startsWith("Expected device 'fake-14 fake-1.0 5->3 Continuous[min=-1.0, max=1.0]' after reconnecting to "
                    + server.uri() + " (got 'fake-14-rebooted fake-1.0"), e.getMessage());
            assertEquals(2, device.queries(), "the batch in flight was not measured");
            assertEquals(6, remote.samples());
        }
    }

    @Test
    void deviceStateLossIsDetectedOnReconnect() throws IOException {
        try (FakeDevice device = new FakeDevice(15, IN, OUT, MAX_BATCH, 0.05);
             DeviceServer server = DeviceServer.start(device, DeviceServerConfig.builder()
                     .faultPlan(FaultPlan.at(2, Fault.dropBeforeMeasure())).build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(config(server, 3))) {
            remote.measure(FakeDevice.inputs(1, ROWS, IN));
            remote.measure(FakeDevice.inputs(2, ROWS, IN));
            device.restoreState(new FakeDevice(15, IN, OUT, MAX_BATCH, 0.05).state()); // power cycle behind our back
            DeviceChangedException e = assertThrows(DeviceChangedException.class, () -> remote.measure(FakeDevice.inputs(3, ROWS, IN)));
            assertEquals("Expected device state counter >= 2 after reconnecting to " + server.uri()
                    + " (got 0): the device lost its state (restarted?)", e.getMessage());
        }
    }

    @Test
    void deadDeviceFailsAfterBoundedRetries() throws IOException {
        FakeDevice device = new FakeDevice(16, IN, OUT, MAX_BATCH, 0);
        DeviceServer server = DeviceServer.start(device, DeviceServerConfig.builder().build());
        try (RemotePhysicalSystem remote = RemotePhysicalSystem.connect(config(server, 2))) {
            remote.measure(FakeDevice.inputs(1, ROWS, IN));
            server.close();
            long t0 = System.nanoTime();
            DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, () -> remote.measure(FakeDevice.inputs(2, ROWS, IN)));
            assertTrue(e.getMessage().matches("Expected an answer to MEASURE batch \\d+ \\(rows 0\\.\\.3 of 3\\) from "
                    + server.uri().replace(".", "\\.") + " within 3 attempt\\(s\\) \\(got .*\\)"), e.getMessage());
            assertEquals(2, remote.stats().retries());
            assertTrue(System.nanoTime() - t0 < 5e9, "bounded in time");
            assertEquals(1, device.queries());
        }
    }

    @Test
    void repeatedFaultsExhaustTheRetries() throws IOException {
        try (FakeDevice device = new FakeDevice(17, IN, OUT, MAX_BATCH, 0);
             DeviceServer server = DeviceServer.start(device, DeviceServerConfig.builder().faultPlan(FaultPlan.at(Map.of(
                     1L, Fault.dropBeforeMeasure(), 2L, Fault.malformed(), 3L, Fault.dropAfterMeasure()))).build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(config(server, 2))) {
            remote.measure(FakeDevice.inputs(1, ROWS, IN));
            assertThrows(DeviceUnavailableException.class, () -> remote.measure(FakeDevice.inputs(2, ROWS, IN)));
            assertEquals(2, device.queries(), "measured once (on the malformed attempt), cached for the rest");
            assertEquals(3, remote.measure(FakeDevice.inputs(3, ROWS, IN)).length, "a later call works again");
        }
    }

    @Test
    void batchIdReusedWithOtherInputsIsRefused() throws IOException {
        try (FakeDevice device = new FakeDevice(18, 2, 2, 4, 0);
             DeviceServer server = DeviceServer.start(device, DeviceServerConfig.builder().build());
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            Frame.write(s.getOutputStream(), MessageType.HELLO, new Messages.Hello(1, "raw", new byte[0]).encode());
            assertEquals(MessageType.SPEC, Frame.read(in, 4096).type());
            Frame.write(s.getOutputStream(), MessageType.MEASURE, new Messages.Measure(9, 2, new double[][] {{0.5, 0}}).encode(null));
            assertEquals(MessageType.RESULT, Frame.read(in, 4096).type());
            Frame.write(s.getOutputStream(), MessageType.MEASURE, new Messages.Measure(9, 2, new double[][] {{0.5, 0}}).encode(null));
            assertTrue(Messages.Result.decode(Frame.read(in, 4096).payload()).cached());
            Frame.write(s.getOutputStream(), MessageType.MEASURE, new Messages.Measure(9, 2, new double[][] {{0.1, 0}}).encode(null));
            Messages.Error e = Messages.Error.decode(Frame.read(in, 4096).payload());
            assertEquals(ErrorCode.BATCH_ID_CONFLICT, e.code());
            assertEquals("Expected batch id 9 to be resent with the same inputs (got different inputs)", e.message());
            Frame.write(s.getOutputStream(), MessageType.MEASURE, new Messages.Measure(10, 2, new double[][] {{3, 0}}).encode(null));
            assertEquals("Expected input[0][0] to be a value in [-1.0, 1.0] (got 3.0)", Messages.Error.decode(Frame.read(in, 4096).payload()).message());
            Frame.write(s.getOutputStream(), MessageType.MEASURE, new Messages.Measure(11, 2, new double[5][2]).encode(null));
            Messages.Error big = Messages.Error.decode(Frame.read(in, 4096).payload());
            assertEquals(ErrorCode.BAD_INPUT, big.code());
            assertEquals("Expected at most 4 rows (got 5)", big.message());
            assertEquals(1, device.queries());
        }
    }

    @Test
    void deviceThatThrowsGivesDeviceFaultAndNothingIsCached() throws IOException {
        FakeDevice inner = new FakeDevice(19, IN, OUT, MAX_BATCH, 0);
        org.forwardlearn.physical.PhysicalSystem flaky = new org.forwardlearn.physical.PhysicalSystem() {
            private int calls;
            @Override public org.forwardlearn.physical.SystemSpec spec() { return inner.spec(); }
            @Override public double[][] measure(double[][] x) {
                if (++calls == 2) throw new IllegalStateException("detector saturated");
                return inner.measure(x);
            }
            @Override public long queries() { return inner.queries(); }
            @Override public long samples() { return inner.samples(); }
            @Override public void close() {}
        };
        try (DeviceServer server = DeviceServer.start(flaky, DeviceServerConfig.builder().build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(config(server, 3))) {
            remote.measure(FakeDevice.inputs(1, ROWS, IN));
            DeviceException e = assertThrows(DeviceException.class, () -> remote.measure(FakeDevice.inputs(2, ROWS, IN)));
            assertEquals(ErrorCode.DEVICE_FAULT, e.code());
            assertTrue(e.getMessage().endsWith("DEVICE_FAULT: Expected the device to measure the batch (got java.lang.IllegalStateException: detector saturated)"),
                    e.getMessage());
            assertEquals(3, remote.measure(FakeDevice.inputs(2, ROWS, IN)).length, "a new call is measured afresh");
            assertEquals(2, inner.queries());
            assertEquals(0, server.cacheHits());
        }
    }
}
