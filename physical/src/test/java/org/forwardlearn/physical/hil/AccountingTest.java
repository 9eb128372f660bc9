package org.forwardlearn.physical.hil;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AccountingTest {
    @Test
    void backoffDoublesUpToItsCap() {
        RemoteConfig cfg = RemoteConfig.builder("tcp://127.0.0.1:1").backoff(Duration.ofMillis(50), Duration.ofMillis(300)).build();
        assertEquals(50, Backoff.millis(cfg, 1));
        assertEquals(100, Backoff.millis(cfg, 2));
        assertEquals(200, Backoff.millis(cfg, 3));
        assertEquals(300, Backoff.millis(cfg, 4));
        assertEquals(300, Backoff.millis(cfg, 60));
    }

    @Test
    void latencyPercentilesByNearestRank() {
        LatencyRecorder r = new LatencyRecorder();
        assertTrue(Double.isNaN(r.quantileMillis(0.5)));
        for (int i = 1; i <= 100; i++) r.record(i * 1_000_000L);
        assertEquals(50.0, r.quantileMillis(0.5));
        assertEquals(99.0, r.quantileMillis(0.99));
        assertEquals(50.5, r.meanMillis(), 1e-9);
        for (int i = 0; i < LatencyRecorder.CAPACITY; i++) r.record(1_000_000L);
        assertEquals(1.0, r.quantileMillis(0.99), "only the most recent window counts");
    }

    @Test
    void unreachableDeviceFailsAfterBoundedAttempts() {
        RemoteConfig cfg = RemoteConfig.builder("tcp://127.0.0.1:1").maxRetries(2)
                .connectTimeout(Duration.ofMillis(200)).backoff(Duration.ofMillis(1), Duration.ofMillis(2)).build();
        DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, () -> RemotePhysicalSystem.connect(cfg));
        assertTrue(e.getMessage().startsWith("Expected a device at tcp://127.0.0.1:1 within 3 attempts (got java.net.ConnectException"),
                e.getMessage());
    }
}
