package org.forwardlearn.core.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The normal CDF behind GELU against reference values (Python math.erfc, double precision). */
class ErfTest {
    @Test
    void phiMatchesReferenceToTheDocumentedAccuracy() {
        double[][] ref = {{0, 0.5}, {1, 0.8413447460685429}, {-1, 0.15865525393145707}, {2, 0.9772498680518208},
                {0.5, 0.6914624612740131}, {-3, 0.0013498980316300957}, {0.1, 0.539827837277029}};
        for (double[] r : ref) {
            // the class javadoc promises "accurate to about 1e-12"
            assertEquals(r[1], Erf.phi(r[0]), 1e-12 * Math.max(1, Math.abs(r[1])) + 1e-15, "Phi(" + r[0] + ")");
        }
    }

    @Test
    void geluDerivativeIsTheDerivativeOfGelu() {
        for (double z = -4; z <= 4; z += 0.37) {
            double h = 1e-5;
            double num = (Activation.GELU.apply(z + h) - Activation.GELU.apply(z - h)) / (2 * h);
            assertEquals(num, Activation.GELU.derivative(z, Activation.GELU.apply(z)), 1e-8, "GELU'(" + z + ")");
        }
    }

    @Test
    void reluAndIdentity() {
        assertEquals(0.0, Activation.RELU.apply(-2));
        assertEquals(3.0, Activation.RELU.apply(3));
        assertEquals(0.0, Activation.RELU.derivative(Double.NaN, 0.0));
        assertEquals(1.0, Activation.RELU.derivative(Double.NaN, 0.5));
        assertEquals(1.0, Activation.IDENTITY.derivative(Double.NaN, -7));
        assertEquals(Activation.GELU, Activation.parse("Gelu"));
    }
}
