package org.forwardlearn.core.kernel;

import dev.ludovic.netlib.blas.BLAS;
import org.ejml.data.DMatrixRMaj;

/** The netlib path of {@link Kernels}: kept in its own class so a missing jar only disables this backend. */
final class NetlibGemm {
    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

    private NetlibGemm() {}

    static String implementation() { return BLAS_INSTANCE.getClass().getSimpleName(); }

    /** Row-major float C(m x n) = op(A) op(B) (C overwritten), leading dimensions = row lengths of A and B. */
    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c) {
        BLAS_INSTANCE.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, 1f, b, 0, ldb, a, 0, lda, 0f, c, 0, n);
    }

    /** Row-major C(m x n) = alpha op(A) op(B) + beta C, as column-major C^T = op(B)^T op(A)^T. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                     double beta, DMatrixRMaj c) {
        BLAS_INSTANCE.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k, alpha, b.data, 0, b.numCols,
                a.data, 0, a.numCols, beta, c.data, 0, n);
    }
}
