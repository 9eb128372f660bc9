package org.forwardlearn.benchmarks.proto;

import dev.ludovic.netlib.blas.BLAS;
import org.ejml.data.DMatrixRMaj;

/**
 * Prototype for core's {@code Kernels.gemm}: the same netlib dgemm call, with the rows of C split
 * into {@code threads} blocks run in parallel (dev.ludovic.netlib's Java/Vector-API BLAS is single
 * threaded). Row-major C = op(A) op(B) is column-major C^T = op(B)^T op(A)^T; a block of C's rows is
 * a block of op(A)'s rows, i.e. an offset into A's array with the same leading dimension.
 */
public final class ParallelGemm {
    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

    private ParallelGemm() { }

    public static String implementation() { return BLAS_INSTANCE.getClass().getSimpleName(); }

    /** C = op(A) op(B) (beta = 0; C reshaped). */
    public static DMatrixRMaj gemm(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, int threads) {
        int m = transA ? a.numCols : a.numRows, k = transA ? a.numRows : a.numCols, n = transB ? b.numRows : b.numCols;
        if (c == null) c = new DMatrixRMaj(m, n); else c.reshape(m, n);
        final DMatrixRMaj cc = c;
        if (transA && threads > 1 && k >= 64 * threads) return splitK(a, b, cc, threads, m, n, k);
        int parts = Math.max(1, Math.min(threads, m / 16));
        if (parts == 1) {
            block(transA, transB, a, b, cc, 0, m, n, k);
        } else {
            SparseKernels.Pools.run(parts, t -> {
                int s = (int) ((long) m * t / parts), e = (int) ((long) m * (t + 1) / parts);
                block(transA, transB, a, b, cc, s, e, n, k);
            });
        }
        return c;
    }

    /**
     * A^T B for tall A and B (weight gradients: k = number of nodes): the reduction is split into row
     * blocks of A and B (contiguous in memory), each block's partial product computed in parallel and
     * summed. (Splitting C's rows instead would need an offset into A^T that netlib's bounds check rejects.)
     */
    private static DMatrixRMaj splitK(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, int parts, int m, int n, int k) {
        double[][] partial = new double[parts][];
        partial[0] = c.data;
        for (int t = 1; t < parts; t++) partial[t] = new double[m * n];
        SparseKernels.Pools.run(parts, t -> {
            int s = (int) ((long) k * t / parts), e = (int) ((long) k * (t + 1) / parts);
            BLAS_INSTANCE.dgemm("N", "T", n, m, e - s, 1.0, b.data, s * b.numCols, b.numCols,
                    a.data, s * a.numCols, a.numCols, 0.0, partial[t], 0, n);
        });
        for (int t = 1; t < parts; t++) {
            double[] p = partial[t];
            for (int i = 0; i < m * n; i++) c.data[i] += p[i];
        }
        return c;
    }

    private static void block(boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, int m0, int m1,
                              int n, int k) {
        int rows = m1 - m0;
        if (rows <= 0) return;
        int aOff = transA ? m0 : m0 * a.numCols;
        BLAS_INSTANCE.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, rows, k, 1.0, b.data, 0, b.numCols,
                a.data, aOff, a.numCols, 0.0, c.data, m0 * n, n);
    }
}
