package org.forwardlearn.physical;

/**
 * A {@link PhysicalSystem} whose time-varying internal state (drift, counters) can be read and restored,
 * so that a training run interrupted mid-way resumes exactly. The simulated systems implement it; a
 * hardware-in-the-loop client may implement it by asking its device server for the state.
 *
 * <p>The state is a flat {@code double[]} (counters below 2^53 are stored exactly), opaque to callers:
 * only a {@link #restoreState} on a system of the same kind, settings and seed is meaningful.
 */
public interface StatefulSystem extends PhysicalSystem {
    /** A copy of the full time-varying state (query/sample counters, drift generation, drifting parameters). */
    double[] state();

    /**
     * Restores a state produced by {@link #state()} on an identically configured system.
     *
     * @throws IllegalArgumentException when the state does not fit this system ("Expected X (got Y)")
     */
    void restoreState(double[] state);

    /** Recalibrates the device: undoes the slow drift (the internal parameters go back to their calibrated values). */
    void calibrate();
}
