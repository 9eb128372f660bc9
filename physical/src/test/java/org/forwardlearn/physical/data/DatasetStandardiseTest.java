package org.forwardlearn.physical.data;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Input standardisation uses training statistics only. */
class DatasetStandardiseTest {
    private static Dataset toy() {
        double[][] tr = {{0, 1, 5}, {2, 1, 7}, {4, 1, 6}, {2, 1, 6}};
        double[][] te = {{10, 3, 6}};
        return new Dataset("toy", tr, new int[] {0, 1, 0, 1}, te, new int[] {1}, 2);
    }

    @Test
    void centreSubtractsTrainingMeansAndDividesByOneGlobalScale() {
        Dataset c = toy().standardised("centre");
        // training means (2, 1, 6); centred squares sum 8 + 0 + 2 = 10 over 12 values -> global RMS sqrt(10/12)
        double g = Math.sqrt(10.0 / 12);
        assertArrayEquals(new double[] {-2 / g, 0, -1 / g}, c.xTrain()[0], 1e-12);
        assertArrayEquals(new double[] {8 / g, 2 / g, 0}, c.xTest()[0], 1e-12);
        double ss = 0;
        for (double[] r : c.xTrain()) for (double v : r) ss += v * v;
        assertEquals(12, ss, 1e-9);
        assertSame(toy().standardised("none").getClass(), Dataset.class);
    }

    @Test
    void zscoreFloorsTheScaleOfConstantFeatures() {
        Dataset z = toy().standardised("zscore");
        double g = Math.sqrt(10.0 / 12);
        assertEquals(-2 / Math.sqrt(2), z.xTrain()[0][0], 1e-12);          // feature 0: sd sqrt(2)
        assertEquals(2 / (1e-2 * g), z.xTest()[0][1], 1e-9);               // feature 1 is constant: floored scale
        assertThrows(IllegalArgumentException.class, () -> toy().standardised("minmax"));
    }
}
