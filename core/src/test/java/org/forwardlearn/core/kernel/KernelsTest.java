package org.forwardlearn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.kernel.Kernels.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The netlib path of {@link Kernels} against EJML and against a naive triple loop, to 1e-10 relative, for the
 * four transpose combinations, several beta, empty and degenerate shapes, and oversized backing arrays.
 */
class KernelsTest {
    static final double TOL = 1e-10;
    private Backend saved;

    @BeforeEach
    void save() { saved = Kernels.backend(); }

    @AfterEach
    void restore() { Kernels.use(saved); }

    /** A rows x cols matrix whose backing array is longer than rows*cols, the tail filled with NaN. */
    static DMatrixRMaj oversized(int rows, int cols, Random rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows + 3, cols + 2);
        java.util.Arrays.fill(m.data, Double.NaN);
        m.reshape(rows, cols);
        for (int i = 0; i < rows * cols; i++) m.data[i] = rng.nextGaussian();
        assertTrue(m.data.length > rows * cols || rows * cols == 0);
        return m;
    }

    static DMatrixRMaj random(int rows, int cols, Random rng, boolean big) {
        if (big) return oversized(rows, cols, rng);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) m.data[i] = rng.nextGaussian();
        return m;
    }

    /** C = alpha op(A) op(B) + beta C0 by a naive loop. */
    static DMatrixRMaj naive(boolean ta, boolean tb, double alpha, DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj c0,
                             int m, int n, int k) {
        DMatrixRMaj c = new DMatrixRMaj(m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += (ta ? a.get(p, i) : a.get(i, p)) * (tb ? b.get(j, p) : b.get(p, j));
                c.set(i, j, alpha * s + (beta == 0 ? 0 : beta * c0.get(i, j)));
            }
        }
        return c;
    }

    static void assertClose(DMatrixRMaj expected, DMatrixRMaj got, String what) {
        assertEquals(expected.numRows, got.numRows, what + " rows");
        assertEquals(expected.numCols, got.numCols, what + " cols");
        double scale = 1;
        int n = expected.numRows * expected.numCols;
        for (int i = 0; i < n; i++) scale = Math.max(scale, Math.abs(expected.data[i]));
        for (int i = 0; i < n; i++) {
            double d = Math.abs(expected.data[i] - got.data[i]);
            if (!(d <= TOL * scale)) fail(what + ": entry " + i + " expected " + expected.data[i] + " got " + got.data[i]);
        }
    }

    static Stream<Arguments> shapes() {
        int[][] mnk = {
                {64, 48, 40}, {33, 65, 17}, {1, 300, 200}, {300, 1, 200}, {200, 37, 1}, {1, 1, 40000},
                {0, 50, 50}, {50, 0, 50}, {50, 50, 0}, {0, 0, 0},
                {100, 200, 784},   // FF MLP first layer, one batch
                {2995, 64, 32},    // GNN layer on Cora_ML, hidden 64
                {128, 2995, 64}};  // transposed gradient shape
        List<Arguments> out = new ArrayList<>();
        for (int[] s : mnk) {
            for (int t = 0; t < 4; t++) {
                boolean large = (long) s[0] * s[1] * s[2] > 1_000_000;
                for (double beta : large ? new double[] {0.0, 1.0} : new double[] {0.0, 1.0, -0.5}) {
                    out.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0, beta, (t + s[0]) % 2 == 0));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} transA={3} transB={4} beta={5} oversized={6}")
    @MethodSource("shapes")
    void netlibAgreesWithEjmlAndNaive(int m, int n, int k, boolean ta, boolean tb, double beta, boolean big) {
        Random rng = new Random(31L * m + 7L * n + k);
        DMatrixRMaj a = ta ? random(k, m, rng, big) : random(m, k, rng, big);
        DMatrixRMaj b = tb ? random(n, k, rng, big) : random(k, n, rng, big);
        DMatrixRMaj c0 = random(m, n, rng, big);
        if (beta == 0) java.util.Arrays.fill(c0.data, 0, m * n, Double.NaN); // beta = 0 must ignore C's old content
        DMatrixRMaj aCopy = a.copy(), bCopy = b.copy();
        double alpha = 0.75;
        Kernels.use(Backend.EJML);
        DMatrixRMaj cE = Kernels.gemm(ta, tb, alpha, a, b, beta, copyWithTail(c0));
        // the naive loop is the reference for EJML where it is cheap; above that EJML is the reference
        if ((long) m * n * k <= 2_000_000) assertClose(naive(ta, tb, alpha, a, b, beta, c0, m, n, k), cE, "ejml vs naive");
        if (Backend.netlibAvailable()) {
            Kernels.use(Backend.NETLIB);
            DMatrixRMaj cN = Kernels.gemm(ta, tb, alpha, a, b, beta, copyWithTail(c0));
            assertClose(cE, cN, "netlib (via Kernels) vs ejml");
            // the netlib routine itself, also for products below the dispatch threshold
            if (m > 0 && n > 0 && k > 0) {
                DMatrixRMaj cD = copyWithTail(c0);
                if (beta == 0) java.util.Arrays.fill(cD.data, 0, m * n, 0.0);
                NetlibGemm.gemm(ta, tb, m, n, k, alpha, a, b, beta, cD);
                assertClose(cE, cD, "NetlibGemm vs ejml");
            }
        }
        assertTrue(org.forwardlearn.core.TestUtil.bitEqual(aCopy, a) && org.forwardlearn.core.TestUtil.bitEqual(bCopy, b),
                "inputs must not be modified");
    }

    /** A copy of c that keeps c's (oversized) backing array length and tail. */
    static DMatrixRMaj copyWithTail(DMatrixRMaj c) {
        DMatrixRMaj d = new DMatrixRMaj(c.numRows, c.numCols);
        d.data = c.data.clone();
        return d;
    }

    @Test
    void convenienceMethodsAndNullOutput() {
        Random rng = new Random(3);
        DMatrixRMaj a = random(70, 60, rng, false), b = random(60, 50, rng, false), a2 = random(60, 70, rng, false);
        DMatrixRMaj ab = naive(false, false, 1, a, b, 0, null, 70, 50, 60);
        assertClose(ab, Kernels.mult(a, b, null), "mult");
        assertClose(naive(true, false, 1, a2, b, 0, null, 70, 50, 60), Kernels.multTransA(a2, b, new DMatrixRMaj(1, 1)), "multTransA");
        DMatrixRMaj bt = random(50, 60, rng, false);
        assertClose(naive(false, true, 1, a, bt, 0, null, 70, 50, 60), Kernels.multTransB(a, bt, null), "multTransB");
        DMatrixRMaj acc = ab.copy();
        Kernels.multAdd(a, b, acc);
        DMatrixRMaj twice = ab.copy();
        for (int i = 0; i < twice.data.length; i++) twice.data[i] *= 2;
        assertClose(twice, acc, "multAdd");
        DMatrixRMaj accT = ab.copy();
        Kernels.multAddTransA(a2, b, accT);
        DMatrixRMaj e = naive(true, false, 1, a2, b, 1, ab, 70, 50, 60);
        assertClose(e, accT, "multAddTransA");
    }

    @Test
    void backendSwitchIsHonouredAndReported() {
        Kernels.use(Backend.EJML);
        assertEquals(Backend.EJML, Kernels.backend());
        assertEquals("ejml", Kernels.describe());
        if (Backend.netlibAvailable()) {
            Kernels.use(Backend.NETLIB);
            assertEquals(Backend.NETLIB, Kernels.backend());
            assertTrue(Kernels.describe().startsWith("netlib:"), Kernels.describe());
        } else {
            assertThrows(IllegalStateException.class, () -> Kernels.use(Backend.NETLIB));
        }
    }

    @Test
    void netlibIsAvailableInTheTestEnvironment() {
        // the jar is a core dependency; without it the netlib comparisons above would silently test nothing
        assertTrue(Backend.netlibAvailable(), "expected dev.ludovic.netlib BLAS on the test class path");
    }

    @Test
    void shapeErrorsAreClear() {
        DMatrixRMaj a = new DMatrixRMaj(3, 4), b = new DMatrixRMaj(5, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.mult(a, b, null));
        assertTrue(e.getMessage().contains("3x4") && e.getMessage().contains("5x2"), e.getMessage());
        DMatrixRMaj b2 = new DMatrixRMaj(4, 2);
        assertThrows(IllegalArgumentException.class, () -> Kernels.multAdd(a, b2, new DMatrixRMaj(3, 3)));
    }

    @Test
    void aliasingIsRejectedWithoutDamagingTheInput() {
        DMatrixRMaj a = new DMatrixRMaj(3, 4), b = new DMatrixRMaj(4, 2);
        a.data[0] = 1;
        assertThrows(IllegalArgumentException.class, () -> Kernels.gemm(false, false, 1, a, b, 0, a));
        assertEquals(3, a.numRows, "A's shape must survive a rejected call");
        assertEquals(4, a.numCols, "A's shape must survive a rejected call");
    }
}
