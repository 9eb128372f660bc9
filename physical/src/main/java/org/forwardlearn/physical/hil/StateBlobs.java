package org.forwardlearn.physical.hil;

import java.nio.ByteBuffer;
import org.forwardlearn.physical.StatefulSystem;

/**
 * Device state on the wire is opaque bytes; a {@link StatefulSystem}'s state is a {@code double[]},
 * carried as big-endian float64 values. Also adapts a {@link StatefulSystem} to {@link DeviceControl}.
 */
final class StateBlobs {
    private StateBlobs() {}

    static byte[] toBytes(double[] state) {
        ByteBuffer b = ByteBuffer.allocate(8 * state.length);
        for (double v : state) b.putDouble(v);
        return b.array();
    }

    static double[] toDoubles(byte[] blob) {
        if (blob.length % 8 != 0) {
            throw new IllegalArgumentException("Expected a device state of whole float64 values (got " + blob.length + " bytes)");
        }
        double[] d = new double[blob.length / 8];
        ByteBuffer.wrap(blob).asDoubleBuffer().get(d);
        return d;
    }

    /** State counter = the system's query count (part of its restorable state); state = its doubles. */
    static DeviceControl control(StatefulSystem s) {
        return new DeviceControl() {
            @Override public long stateCounter() { return s.queries(); }
            @Override public byte[] saveState() { return toBytes(s.state()); }
            @Override public void restoreState(byte[] state) { s.restoreState(toDoubles(state)); }
            @Override public void calibrate() { s.calibrate(); }
        };
    }
}
