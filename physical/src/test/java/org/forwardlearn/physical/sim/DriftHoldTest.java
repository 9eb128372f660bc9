package org.forwardlearn.physical.sim;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Holding the drift freezes the device (a snapshot for evaluation) while measurements are still counted. */
class DriftHoldTest {
    @Test
    void heldDriftKeepsTheResponseReleasedDriftMovesIt() {
        var sys = new OpticalSystem(SimSettings.ideal(4).withDrift(0.05, -1), 4, 8, 1, OpticalSystem.Encoding.PHASE);
        double[][] in = new double[3][16];
        for (int i = 0; i < 16; i++) in[i % 3][i] = 0.5;
        sys.holdDrift(true);
        assertTrue(sys.driftHeld());
        double[][] a = sys.measure(in), b = sys.measure(in);
        assertArrayEquals(a[0], b[0], 0.0);
        assertEquals(2, sys.queries());
        sys.holdDrift(false);
        sys.measure(in);
        double[][] c = sys.measure(in);
        assertNotEquals(a[0][0], c[0][0]);
    }
}
