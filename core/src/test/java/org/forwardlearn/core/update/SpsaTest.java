package org.forwardlearn.core.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** SPSA on a quadratic L = 0.5 theta^T A theta + b^T theta, whose gradient A theta + b is known. */
class SpsaTest {
    static final double[][] A = {{3, 0.5, 0, 0}, {0.5, 2, 0.2, 0}, {0, 0.2, 1, -0.3}, {0, 0, -0.3, 4}};
    static final double[] B = {1, -2, 0.5, 0};

    static double loss(double[] t) {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            s += B[i] * t[i];
            for (int j = 0; j < 4; j++) s += 0.5 * t[i] * A[i][j] * t[j];
        }
        return s;
    }

    @Test
    void estimateConvergesToTheTrueGradient() {
        double[] theta = {0.3, -1.2, 2.0, 0.7};
        double[] truth = new double[4];
        for (int i = 0; i < 4; i++) {
            truth[i] = B[i];
            for (int j = 0; j < 4; j++) truth[i] += A[i][j] * theta[j];
        }
        double[] before = theta.clone();
        double[] g = new double[4];
        Spsa spsa = new Spsa(1e-3, 20000, new Random(1));
        spsa.estimate(theta, SpsaTest::loss, g);
        assertArrayEquals(before, theta, 0.0, "theta restored");
        assertEquals(40000, spsa.evaluations());
        // for a quadratic the central difference is exact along delta, so the error is the cross terms
        // sum_{j != i} g_j delta_i delta_j, of standard deviation ~ |g| / sqrt(samples)
        double norm = 0;
        for (double v : truth) norm += v * v;
        double tol = 5 * Math.sqrt(norm / 20000);
        assertArrayEquals(truth, g, tol);
        // with few samples the estimate is far worse (so the check above is not vacuous)
        double[] g1 = new double[4];
        new Spsa(1e-3, 1, new Random(2)).estimate(theta, SpsaTest::loss, g1);
        double err = 0;
        for (int i = 0; i < 4; i++) err = Math.max(err, Math.abs(g1[i] - truth[i]));
        assertEquals(true, err > tol, "one-sample error " + err);
    }

    @Test
    void descentWithSpsaReachesTheMinimum() {
        double[] theta = {2, 2, 2, 2};
        double[] g = new double[4];
        Spsa spsa = new Spsa(1e-2, 4, new Random(3));
        ToDoubleFunction<double[]> l = SpsaTest::loss;
        double start = l.applyAsDouble(theta);
        for (int it = 0; it < 2000; it++) {
            spsa.estimate(theta, l, g);
            for (int i = 0; i < 4; i++) theta[i] -= 0.02 * g[i];
        }
        // minimum of the quadratic: A theta* = -b; its value is -0.5 b^T A^-1 b
        double[] grad = new double[4];
        for (int i = 0; i < 4; i++) { grad[i] = B[i]; for (int j = 0; j < 4; j++) grad[i] += A[i][j] * theta[j]; }
        for (double v : grad) assertEquals(0.0, v, 0.05);
        assertEquals(true, l.applyAsDouble(theta) < start);
    }

    @Test
    void validatesArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Spsa(0, 1, new Random()));
        assertThrows(IllegalArgumentException.class, () -> new Spsa(1, 0, new Random()));
        assertThrows(IllegalArgumentException.class, () -> new Spsa(1, 1, new Random()).estimate(new double[2], t -> 0, new double[3]));
    }
}
