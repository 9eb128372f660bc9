package org.forwardlearn.physical.hil;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.physical.StatefulSystem;
import org.forwardlearn.physical.SystemSpec;

/**
 * The device behind a {@link DeviceServer}: serialises access to the {@link PhysicalSystem}, keeps the
 * last results per batch id (so a resent MEASURE is answered from the cache, never measured twice),
 * and answers spec/state/calibration requests. Thread-safe; every method holds the device lock.
 */
final class ServedDevice {
    private final PhysicalSystem system;
    private final DeviceControl control;
    private final Map<Long, Cached> cache;
    private String deviceIdOverride;
    private long measured, measuredRows, cacheHits;

    private record Cached(byte[] digest, Messages.Result result) {}

    ServedDevice(PhysicalSystem system, DeviceControl control, int cacheSize) {
        this.system = system;
        this.control = control != null ? control
                : system instanceof DeviceControl dc ? dc
                : system instanceof StatefulSystem st ? StateBlobs.control(st) : null;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<Long, Cached> e) { return size() > cacheSize; }
        };
    }

    synchronized SystemSpec spec() {
        SystemSpec s = system.spec();
        if (deviceIdOverride == null) return s;
        return new SystemSpec(deviceIdOverride, s.version(), s.inputSize(), s.outputSize(), s.domain(), s.maxBatch());
    }

    synchronized long stateCounter() { return control != null ? control.stateCounter() : system.samples(); }

    /**
     * Measures a request, or returns the cached result of an identical earlier request with the same batch id.
     *
     * @param payload the raw MEASURE payload (its digest identifies the request)
     * @throws DeviceException with BAD_INPUT, BATCH_ID_CONFLICT or DEVICE_FAULT
     */
    synchronized Messages.Result measure(Messages.Measure m, byte[] payload) {
        byte[] digest = Tokens.sha256(payload);
        Cached hit = cache.get(m.batchId());
        if (hit != null) {
            if (!Arrays.equals(hit.digest(), digest)) {
                throw new DeviceException(ErrorCode.BATCH_ID_CONFLICT, "Expected batch id " + m.batchId()
                        + " to be resent with the same inputs (got different inputs)");
            }
            cacheHits++;
            Messages.Result r = hit.result();
            return new Messages.Result(r.batchId(), r.deviceTimeMicros(), r.stateCounter(), true, r.dtype(), r.outputs());
        }
        SystemSpec spec = spec();
        double[][] in = m.inputs();
        if (in.length > spec.maxBatch()) {
            throw new DeviceException(ErrorCode.BAD_INPUT, "Expected at most " + spec.maxBatch() + " rows (got " + in.length + ")");
        }
        if (in[0].length != spec.inputSize()) {
            throw new DeviceException(ErrorCode.BAD_INPUT, "Expected " + spec.inputSize() + " input columns (got " + in[0].length + ")");
        }
        for (int i = 0; i < in.length; i++) for (int j = 0; j < in[i].length; j++) {
            if (!spec.domain().admits(in[i][j])) {
                throw new DeviceException(ErrorCode.BAD_INPUT, "Expected input[" + i + "][" + j + "] to be "
                        + spec.domain().describe() + " (got " + in[i][j] + ")");
            }
        }
        double[][] out;
        try {
            out = system.measure(in);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(ErrorCode.BAD_INPUT, String.valueOf(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new DeviceException(ErrorCode.DEVICE_FAULT, "Expected the device to measure the batch (got " + e + ")", e);
        }
        if (out == null || out.length != in.length || out[0].length != spec.outputSize()) {
            throw new DeviceException(ErrorCode.DEVICE_FAULT, "Expected " + in.length + "x" + spec.outputSize()
                    + " outputs from the device (got " + (out == null ? "null" : out.length + "x" + out[0].length) + ")");
        }
        measured++;
        measuredRows += in.length;
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        Messages.Result r = new Messages.Result(m.batchId(), micros, stateCounter(), false, m.dtype(), out);
        cache.put(m.batchId(), new Cached(digest, r));
        return r;
    }

    synchronized Messages.State saveState() {
        return new Messages.State(stateCounter(), requireControl().saveState());
    }

    /**
     * The largest STATE_RESTORE blob worth reading: twice the device's current state plus 4 KiB (a device's
     * state does not grow by more between save and restore), or -1 if the device has no restorable state.
     */
    synchronized long stateRestoreLimit() {
        if (control == null) return -1;
        try {
            return 2L * control.saveState().length + 4096;
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }

    synchronized Messages.State restoreState(byte[] blob) {
        requireControl().restoreState(blob);
        cache.clear();
        return new Messages.State(stateCounter(), new byte[0]);
    }

    synchronized void calibrate() { requireControl().calibrate(); }

    /** Resets the device if it can be reset (a device that cannot is left as it is); always forgets cached results. */
    synchronized void reset() {
        cache.clear();
        if (control == null) return;
        try {
            control.reset();
        } catch (UnsupportedOperationException e) {
            // RESET promises only what the device can do; the cache is what the protocol guarantees
        }
    }

    /** Simulated restart: forget cached results and answer as {@code newDeviceId} from now on. */
    synchronized void restartAs(String newDeviceId) {
        cache.clear();
        deviceIdOverride = newDeviceId;
    }

    /** MEASURE requests actually measured on the device (cache hits excluded). */
    synchronized long measured() { return measured; }

    /** Rows actually measured on the device. */
    synchronized long measuredRows() { return measuredRows; }

    /** Resent requests answered from the cache. */
    synchronized long cacheHits() { return cacheHits; }

    private DeviceControl requireControl() {
        if (control == null) {
            throw new UnsupportedOperationException("Expected a device with state/calibration control (got "
                    + system.getClass().getSimpleName() + ", which has none)");
        }
        return control;
    }
}
