package org.forwardlearn.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;

/** Shared helpers of the core tests: random matrices and central finite differences. */
public final class TestUtil {
    private TestUtil() {}

    public static DMatrixRMaj gaussian(int rows, int cols, double scale, Random rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) m.data[i] = rng.nextGaussian() * scale;
        return m;
    }

    /**
     * Compares the analytic gradients in each parameter's grad() with central differences of {@code loss}
     * (step h). Each entry must satisfy |a - n| &lt;= rtol * max(|a|, |n|) + atol, where atol = rtol * 1e-3 *
     * max |gradient| (entries that are tiny compared with the largest are compared absolutely).
     */
    public static void checkGradient(String what, List<Parameter> params, DoubleSupplier loss, double h, double rtol) {
        double maxAbs = 0;
        for (Parameter p : params) for (int i = 0; i < p.size(); i++) maxAbs = Math.max(maxAbs, Math.abs(p.grad().data[i]));
        if (maxAbs == 0) fail(what + ": analytic gradient is identically zero; the check would be vacuous");
        double atol = rtol * 1e-3 * maxAbs;
        for (Parameter p : params) {
            double[] v = p.value().data;
            for (int i = 0; i < p.size(); i++) {
                double old = v[i];
                v[i] = old + h;
                double lp = loss.getAsDouble();
                v[i] = old - h;
                double lm = loss.getAsDouble();
                v[i] = old;
                double num = (lp - lm) / (2 * h);
                double ana = p.grad().data[i];
                double err = Math.abs(ana - num);
                if (err > rtol * Math.max(Math.abs(ana), Math.abs(num)) + atol) {
                    fail(what + ": d/d" + p.name() + "[" + i + "] expected (finite difference) " + num + " got (analytic) " + ana
                            + ", |diff| " + err);
                }
            }
        }
    }

    /** Same check for a gradient given as a matrix against a matrix variable. */
    public static void checkGradient(String what, DMatrixRMaj variable, DMatrixRMaj analytic, DoubleSupplier loss, double h,
                                     double rtol) {
        Parameter p = new Parameter(what, variable);
        p.grad().setTo(analytic);
        checkGradient(what, List.of(p), loss, h, rtol);
    }

    /** Bitwise equality of two matrices (shape and every double's bits). */
    public static boolean bitEqual(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) return false;
        for (int i = 0; i < a.getNumElements(); i++) {
            if (Double.doubleToRawLongBits(a.data[i]) != Double.doubleToRawLongBits(b.data[i])) return false;
        }
        return true;
    }
}
