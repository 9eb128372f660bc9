package org.forwardlearn.core.kernel;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * The float32 path of {@link Kernels}: A and B are rounded to float, multiplied in single precision
 * (netlib sgemm, or EJML's float kernels), and C = alpha AB + beta C is formed in double. Buffers are
 * per thread and reused, so steady-state training allocates nothing here.
 */
final class FloatGemm {
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0], new float[0]});

    private FloatGemm() {}

    static void gemm(boolean netlib, boolean transA, boolean transB, int m, int n, int k, double alpha, DMatrixRMaj a,
                     DMatrixRMaj b, double beta, DMatrixRMaj c) {
        float[][] buf = BUFFERS.get();
        int na = a.numRows * a.numCols, nb = b.numRows * b.numCols, nc = m * n;
        float[] fa = buf[0].length >= na ? buf[0] : (buf[0] = new float[na]);
        float[] fb = buf[1].length >= nb ? buf[1] : (buf[1] = new float[nb]);
        float[] fc = buf[2].length >= nc ? buf[2] : (buf[2] = new float[nc]);
        for (int i = 0; i < na; i++) fa[i] = (float) a.data[i];
        for (int i = 0; i < nb; i++) fb[i] = (float) b.data[i];
        if (netlib) {
            NetlibGemm.sgemm(transA, transB, m, n, k, fa, a.numCols, fb, b.numCols, fc);
        } else {
            FMatrixRMaj fA = FMatrixRMaj.wrap(a.numRows, a.numCols, fa);
            FMatrixRMaj fB = FMatrixRMaj.wrap(b.numRows, b.numCols, fb);
            FMatrixRMaj fC = FMatrixRMaj.wrap(m, n, fc);
            if (!transA && !transB) CommonOps_FDRM.mult(fA, fB, fC);
            else if (transA && !transB) CommonOps_FDRM.multTransA(fA, fB, fC);
            else if (!transA) CommonOps_FDRM.multTransB(fA, fB, fC);
            else CommonOps_FDRM.multTransAB(fA, fB, fC);
        }
        if (beta == 0) {
            for (int i = 0; i < nc; i++) c.data[i] = alpha * fc[i];
        } else {
            for (int i = 0; i < nc; i++) c.data[i] = beta * c.data[i] + alpha * fc[i];
        }
    }
}
