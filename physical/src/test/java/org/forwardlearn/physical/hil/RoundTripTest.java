package org.forwardlearn.physical.hil;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.time.Duration;
import org.forwardlearn.physical.PhysicalSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RoundTripTest {

    static RemoteConfig.Builder client(DeviceServer s) {
        return RemoteConfig.builder(s.uri()).readTimeout(Duration.ofSeconds(5)).backoff(Duration.ofMillis(5), Duration.ofMillis(40));
    }

    @Test
    void float64RoundTripIsBitIdenticalToTheInProcessCall() throws IOException {
        FakeDevice reference = new FakeDevice(3, 6, 4, 16, 0.01);
        try (FakeDevice device = new FakeDevice(3, 6, 4, 16, 0.01);
             DeviceServer server = DeviceServer.start(device, DeviceServerConfig.builder().build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(client(server).exact().build())) {
            assertEquals(device.spec(), remote.spec());
            for (int b = 0; b < 5; b++) {
                double[][] x = FakeDevice.inputs(b, 1 + b, 6);
                assertArrayEquals(reference.measure(x), remote.measure(x));
            }
            assertEquals(5, remote.queries());
            assertEquals(15, remote.samples());
            assertEquals(15, server.measuredRows());
            assertEquals(5, remote.deviceStateCounter());
            assertTrue(remote.lastDeviceTimeMicros() > 0);
            RemoteStats st = remote.stats();
            assertEquals(5, st.requests());
            assertEquals(0, st.retries());
            assertEquals(0, st.reconnects());
            assertTrue(st.p50Millis() > 0 && st.p99Millis() >= st.p50Millis(), st.toString());
        }
    }

    @Test
    void float32RoundTripAgreesToSinglePrecision() throws IOException {
        FakeDevice reference = new FakeDevice(4, 5, 3, 8, 0);
        try (FakeDevice device = new FakeDevice(4, 5, 3, 8, 0);
             DeviceServer server = DeviceServer.start(device, DeviceServerConfig.builder().build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(server.uri())) {
            double[][] x = FakeDevice.inputs(1, 8, 5);
            double[][] want = reference.measure(x), got = remote.measure(x);
            for (int i = 0; i < x.length; i++) for (int k = 0; k < 3; k++) assertEquals(want[i][k], got[i][k], 1e-6 * (1 + want[i][k]));
        }
    }

    @Test
    void batchesLargerThanMaxBatchAreSplit() throws IOException {
        FakeDevice reference = new FakeDevice(5, 4, 2, 4, 0.02);
        try (FakeDevice device = new FakeDevice(5, 4, 2, 4, 0.02);
             DeviceServer server = DeviceServer.start(device, DeviceServerConfig.builder().build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(client(server).exact().build())) {
            double[][] x = FakeDevice.inputs(9, 10, 4);
            double[][] got = remote.measure(x);
            double[][] want = new double[10][];
            for (int from = 0; from < 10; from += 4) {
                double[][] part = java.util.Arrays.copyOfRange(x, from, Math.min(10, from + 4));
                System.arraycopy(reference.measure(part), 0, want, from, part.length);
            }
            assertArrayEquals(want, got);
            assertEquals(1, remote.queries());
            assertEquals(3, remote.stats().requests());
            assertEquals(3, server.measuredBatches());
            assertEquals(10, device.samples());
        }
    }

    @Test
    void badInputsAreRejectedByTheClientWithClearErrors() throws IOException {
        try (FakeDevice device = new FakeDevice(6, 3, 2, 4, 0);
             DeviceServer server = DeviceServer.start(device, DeviceServerConfig.builder().build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(server.uri())) {
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> remote.measure(new double[][] {{0, 0}}));
            assertEquals("Expected row 0 to have 3 values (got 2)", shape.getMessage());
            IllegalArgumentException dom = assertThrows(IllegalArgumentException.class, () -> remote.measure(new double[][] {{0, 2, 0}}));
            assertEquals("Expected input[0][1] to be a value in [-1.0, 1.0] (got 2.0)", dom.getMessage());
            assertEquals(0, server.measureRequests());
        }
    }

    @Test
    void deviceStateCanBeSavedAndRestoredAndUnsupportedControlIsReported() throws IOException {
        try (FakeDevice device = new FakeDevice(7, 3, 2, 4, 0.05);
             DeviceServer server = DeviceServer.start(device, DeviceServerConfig.builder().build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(client(server).exact().build())) {
            double[][] x = FakeDevice.inputs(2, 2, 3);
            remote.measure(x);
            double[] saved = remote.state();
            double[][] first = remote.measure(x);
            remote.measure(x);
            remote.restoreState(saved);
            assertEquals(1, remote.deviceStateCounter());
            assertArrayEquals(first, remote.measure(x), "after restore the device behaves as when saved");
            DeviceException e = assertThrows(DeviceException.class, remote::calibrate);
            assertEquals(ErrorCode.UNSUPPORTED_OPERATION, e.code());
            assertEquals("Device at " + server.uri() + " refused CALIBRATE: UNSUPPORTED_OPERATION: Expected a calibratable device (got FakeDevice)",
                    e.getMessage());
        }
        try (PhysicalSystem plain = new PlainDevice();
             DeviceServer server = DeviceServer.start(plain, DeviceServerConfig.builder().build());
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(server.uri())) {
            DeviceException e = assertThrows(DeviceException.class, remote::saveDeviceState);
            assertEquals(ErrorCode.UNSUPPORTED_OPERATION, e.code());
            assertTrue(e.getMessage().contains("Expected a device with state/calibration control (got PlainDevice"), e.getMessage());
            assertEquals(0, remote.state().length, "no state: checkpoints store none");
            remote.reset(); // always allowed: forgets cached results
        }
    }

    @Test
    @SuppressWarnings("try") // closes the server inside its own try-with-resources on purpose: close is idempotent
    void closeIsCleanAndIdempotent() throws Exception {
        try (FakeDevice device = new FakeDevice(8, 3, 2, 4, 0);
             DeviceServer server = DeviceServer.start(device, DeviceServerConfig.builder().build())) {
            RemotePhysicalSystem remote = RemotePhysicalSystem.connect(server.uri());
            remote.measure(FakeDevice.inputs(1, 1, 3));
            remote.close();
            remote.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> remote.measure(FakeDevice.inputs(1, 1, 3)));
            assertTrue(e.getMessage().startsWith("Expected an open device connection (got a closed one"));
            server.close();
            assertTrue(server.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void anExplicitTakeoverDisplacesTheTrainerWhichReconnectsWithoutLosingMeasurements() throws IOException {
        try (FakeDevice device = new FakeDevice(9, 3, 2, 4, 0.01);
             DeviceServer server = DeviceServer.start(device, DeviceServerConfig.builder().build());
             RemotePhysicalSystem a = RemotePhysicalSystem.connect(client(server).build());
             RemotePhysicalSystem b = RemotePhysicalSystem.connect(client(server).takeover().build())) {
            b.measure(FakeDevice.inputs(1, 2, 3)); // b took over: a's connection was closed by the server
            a.measure(FakeDevice.inputs(2, 2, 3)); // a reconnects (reconnections carry the takeover flag)
            assertEquals(1, a.stats().reconnects());
            assertEquals(4, device.samples());
            assertEquals(a.samples() + b.samples(), server.measuredRows());
        }
    }

    /** A device without {@link DeviceControl}. */
    static final class PlainDevice implements PhysicalSystem {
        private final FakeDevice inner = new FakeDevice(1, 3, 2, 4, 0);
        @Override public org.forwardlearn.physical.SystemSpec spec() { return inner.spec(); }
        @Override public double[][] measure(double[][] inputs) { return inner.measure(inputs); }
        @Override public long queries() { return inner.queries(); }
        @Override public long samples() { return inner.samples(); }
        @Override public void close() {}
    }
}
