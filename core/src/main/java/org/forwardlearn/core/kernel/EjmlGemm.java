package org.forwardlearn.core.kernel;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** The EJML path of {@link Kernels} (also the reference the fast path is tested against). */
final class EjmlGemm {
    private EjmlGemm() {}

    static void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj c) {
        if (beta == 0) {
            if (!transA && !transB) CommonOps_DDRM.mult(alpha, a, b, c);
            else if (transA && !transB) CommonOps_DDRM.multTransA(alpha, a, b, c);
            else if (!transA) CommonOps_DDRM.multTransB(alpha, a, b, c);
            else CommonOps_DDRM.multTransAB(alpha, a, b, c);
            return;
        }
        if (beta != 1) CommonOps_DDRM.scale(beta, c);
        if (!transA && !transB) CommonOps_DDRM.multAdd(alpha, a, b, c);
        else if (transA && !transB) CommonOps_DDRM.multAddTransA(alpha, a, b, c);
        else if (!transA) CommonOps_DDRM.multAddTransB(alpha, a, b, c);
        else CommonOps_DDRM.multAddTransAB(alpha, a, b, c);
    }
}
