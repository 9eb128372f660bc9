package org.forwardlearn.core.kernel;

import dev.ludovic.netlib.blas.BLAS;
import org.ejml.data.DMatrixRMaj;

/**
 * The row-block parallel path of {@link Kernels} for tall products (netlib backend): C = op(A) B with A
 * not transposed is cut into blocks of C's rows (each element computed exactly as by one call: bit-identical
 * for any thread count); C = A^T B (a reduction over A's rows, the weight gradient X^T G) is cut into
 * blocks of A's rows whose partial products are summed in block order (identical for any thread count,
 * within summation order, about 1e-15 relative, of the single call). The split depends only on the shapes.
 */
final class BlockGemm {
    /** Rows per block; products with fewer than two blocks of rows stay single calls (small graphs unchanged). */
    static final int GRAIN = 4096;
    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();
    private static final ThreadLocal<float[][]> FLOATS = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0]});

    private BlockGemm() { }

    /** True when this product is split (C rows, or A^T's reduction rows, at least two grains, and worth threads). */
    static boolean applies(boolean transA, boolean transB, int m, int n, int k) {
        if (Parallel.threads() <= 1 || transB && transA) return false;
        int tall = transA ? k : m;
        return tall >= 2 * GRAIN && (long) m * n * k >= (1L << 22);
    }

    static void gemm(boolean flt, boolean transA, boolean transB, int m, int n, int k, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                     double beta, DMatrixRMaj c) {
        if (!transA) rowsOfC(flt, transB, m, n, k, alpha, a, b, beta, c);
        else reduction(flt, m, n, k, alpha, a, b, beta, c);
    }

    private static float[] buffer(int which, int size) {
        float[][] f = FLOATS.get();
        if (f[which].length < size) f[which] = new float[size];
        return f[which];
    }

    private static float[] toFloat(double[] d, int size) {
        float[] f = new float[size];
        for (int i = 0; i < size; i++) f[i] = (float) d[i];
        return f;
    }

    /** C[rows] = alpha A[rows] op(B) + beta C[rows], blocks of rows. */
    private static void rowsOfC(boolean flt, boolean transB, int m, int n, int k, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                                double beta, DMatrixRMaj c) {
        float[] fb = flt ? toFloat(b.data, b.numRows * b.numCols) : null;
        Parallel.forBlocks(m, GRAIN, (blk, from, to) -> {
            int rows = to - from;
            if (!flt) {
                BLAS_INSTANCE.dgemm(transB ? "T" : "N", "N", n, rows, k, alpha, b.data, 0, b.numCols, a.data, from * k, k, beta, c.data,
                        from * n, n);
                return;
            }
            float[] fa = buffer(0, rows * k), fc = buffer(1, rows * n);
            for (int i = 0, o = from * k; i < rows * k; i++) fa[i] = (float) a.data[o + i];
            BLAS_INSTANCE.sgemm(transB ? "T" : "N", "N", n, rows, k, 1f, fb, 0, b.numCols, fa, 0, k, 0f, fc, 0, n);
            for (int i = 0, o = from * n; i < rows * n; i++) c.data[o + i] = (beta == 0 ? 0 : beta * c.data[o + i]) + alpha * fc[i];
        });
    }

    /** C = alpha A^T B + beta C, A (k x m), B (k x n): per-block partials over A's rows, summed in block order. */
    private static void reduction(boolean flt, int m, int n, int k, double alpha, DMatrixRMaj a, DMatrixRMaj b, double beta,
                                  DMatrixRMaj c) {
        int nb = Parallel.blocks(k, GRAIN);
        double[][] part = new double[nb][];
        Parallel.forBlocks(k, GRAIN, (blk, from, to) -> {
            int rows = to - from;
            double[] p = new double[m * n];
            if (!flt) {
                BLAS_INSTANCE.dgemm("N", "T", n, m, rows, 1.0, b.data, from * n, n, a.data, from * m, m, 0.0, p, 0, n);
            } else {
                float[] fa = buffer(0, rows * m), fb = buffer(1, rows * n + m * n);
                for (int i = 0, o = from * m; i < rows * m; i++) fa[i] = (float) a.data[o + i];
                for (int i = 0, o = from * n; i < rows * n; i++) fb[i] = (float) b.data[o + i];
                int off = rows * n;
                BLAS_INSTANCE.sgemm("N", "T", n, m, rows, 1f, fb, 0, n, fa, 0, m, 0f, fb, off, n);
                for (int i = 0; i < m * n; i++) p[i] = fb[off + i];
            }
            part[blk] = p;
        });
        double[] cd = c.data;
        for (int i = 0; i < m * n; i++) {
            double s = 0;
            for (int blk = 0; blk < nb; blk++) s += part[blk][i];
            cd[i] = (beta == 0 ? 0 : beta * cd[i]) + alpha * s;
        }
    }
}
