package org.forwardlearn.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The float32 path agrees with EJML's double products to 1e-5 relative (issue 9), on both backends. */
class KernelsFloatTest {
    @AfterEach
    void restore() {
        Kernels.usePrecision(Kernels.Precision.DOUBLE);
        Kernels.use(Kernels.Backend.NETLIB);
    }

    private static DMatrixRMaj random(int r, int c, Random rng) {
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int i = 0; i < m.data.length; i++) m.data[i] = rng.nextGaussian();
        return m;
    }

    /** max |x - y| / max |y|. */
    private static double relError(DMatrixRMaj x, DMatrixRMaj y) {
        double num = 0, den = 0;
        for (int i = 0; i < y.getNumElements(); i++) {
            num = Math.max(num, Math.abs(x.data[i] - y.data[i]));
            den = Math.max(den, Math.abs(y.data[i]));
        }
        return num / den;
    }

    @ParameterizedTest
    @CsvSource({"NETLIB,false,false", "NETLIB,true,false", "NETLIB,false,true", "NETLIB,true,true",
            "EJML,false,false", "EJML,true,false", "EJML,false,true", "EJML,true,true"})
    void floatProductsAgreeWithDouble(String backend, boolean ta, boolean tb) {
        Random rng = new Random(11);
        int m = 300, n = 128, k = 257;
        DMatrixRMaj a = ta ? random(k, m, rng) : random(m, k, rng);
        DMatrixRMaj b = tb ? random(n, k, rng) : random(k, n, rng);
        DMatrixRMaj c0 = random(m, n, rng);
        DMatrixRMaj expected = c0.copy();
        CommonOps_DDRM.scale(0.5, expected);
        DMatrixRMaj ab = new DMatrixRMaj(m, n);
        DMatrixRMaj aa = ta ? CommonOps_DDRM.transpose(a, null) : a, bb = tb ? CommonOps_DDRM.transpose(b, null) : b;
        CommonOps_DDRM.mult(aa, bb, ab);
        CommonOps_DDRM.addEquals(expected, 2.0, ab);

        Kernels.use(Kernels.Backend.valueOf(backend));
        Kernels.usePrecision(Kernels.Precision.FLOAT);
        DMatrixRMaj c = c0.copy();
        Kernels.gemm(ta, tb, 2.0, a, b, 0.5, c);
        double err = relError(c, expected);
        assertTrue(err < 1e-5, backend + " float path relative error " + err);
        assertTrue(err > 0, "the float path must actually round (got an exact double result)");
        assertTrue(Kernels.describe().endsWith(":float32"), Kernels.describe());
    }

    @Test
    void precisionSwitchIsReportedAndReversible() {
        Kernels.usePrecision(Kernels.Precision.DOUBLE);
        assertEquals(Kernels.Precision.DOUBLE, Kernels.precision());
        Random rng = new Random(3);
        DMatrixRMaj a = random(64, 64, rng), b = random(64, 64, rng);
        DMatrixRMaj d = Kernels.mult(a, b, null);
        Kernels.usePrecision(Kernels.Precision.FLOAT);
        DMatrixRMaj f = Kernels.mult(a, b, null);
        Kernels.usePrecision(Kernels.Precision.DOUBLE);
        DMatrixRMaj d2 = Kernels.mult(a, b, null);
        assertTrue(relError(f, d) > 0 && relError(f, d) < 1e-5);
        assertEquals(0.0, relError(d2, d), 0.0);
    }
}
