package org.forwardlearn.physical.hil;

/**
 * Optional control of a device beyond {@code measure}: its state counter (how far its internal
 * state, e.g. drift, has advanced), saving and restoring that state (simulated devices, so a resumed
 * run sees the same device as an uninterrupted one), calibration and reset. A {@code PhysicalSystem}
 * may implement this interface, or a {@link DeviceServerConfig} may supply an adapter for one.
 * Methods a device cannot support throw {@link UnsupportedOperationException}; the server answers
 * those requests with ERROR {@link ErrorCode#UNSUPPORTED_OPERATION}.
 */
public interface DeviceControl {
    /** A counter that advances with the device's internal state (e.g. drift steps); never decreases except by restore/reset. */
    long stateCounter();

    /** An opaque snapshot of the device's internal state. */
    default byte[] saveState() {
        throw new UnsupportedOperationException("Expected a device whose state can be saved (got one that cannot)");
    }

    /** Restores a snapshot produced by {@link #saveState()}. */
    default void restoreState(byte[] state) {
        throw new UnsupportedOperationException("Expected a device whose state can be restored (got one that cannot)");
    }

    /** Runs the device's calibration routine. */
    default void calibrate() {
        throw new UnsupportedOperationException("Expected a device with a calibration routine (got one without)");
    }

    /** Returns the device to its power-on state. */
    default void reset() {
        throw new UnsupportedOperationException("Expected a device that can be reset (got one that cannot)");
    }
}
