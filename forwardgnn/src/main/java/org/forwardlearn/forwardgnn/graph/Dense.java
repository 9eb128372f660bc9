package org.forwardlearn.forwardgnn.graph;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.core.kernel.Parallel;

/**
 * Dense products through core's {@link Kernels} (single-threaded netlib BLAS when available, EJML
 * otherwise; no EJML concurrency: on a small shared machine the threads only add contention), and the
 * element-wise helpers of the graph layers. Every product reuses {@code out} when it is given.
 */
public final class Dense {
    private Dense() { }

    /** out = a b (out may be null or is reshaped). */
    public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) { return Kernels.mult(a, b, out); }

    /** out = a^T b. */
    public static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) { return Kernels.multTransA(a, b, out); }

    /** out = a b^T. */
    public static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) { return Kernels.multTransB(a, b, out); }

    /** acc += a^T b (acc must already have the result's shape). */
    public static DMatrixRMaj multAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj acc) { return Kernels.multAddTransA(a, b, acc); }

    /** acc += a b (acc must already have the result's shape). */
    public static DMatrixRMaj multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj acc) { return Kernels.multAdd(a, b, acc); }

    /** acc += a b^T (acc must already have the result's shape). */
    public static DMatrixRMaj gemmAddTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj acc) {
        return Kernels.gemm(false, true, 1.0, a, b, 1.0, acc);
    }

    /** The kernel backend in use (for provenance). */
    public static String backend() { return Kernels.describe(); }

    /** Rows per parallel block of the element-wise helpers (matrices below two blocks: one thread, as before). */
    static final int GRAIN = 8192;

    /** Adds the bias row to every row of m (row blocks in parallel). */
    public static void addRow(DMatrixRMaj m, DMatrixRMaj bias) {
        int c = m.numCols;
        Parallel.forBlocks(m.numRows, GRAIN, (b, from, to) -> {
            for (int i = from, k = from * c; i < to; i++) for (int j = 0; j < c; j++, k++) m.data[k] += bias.data[j];
        });
    }

    /**
     * grad(1 x c) += column sums of g. Tall g: per-block partial sums added in block order (identical for any thread
     * count; within summation order of the single loop, used below two blocks).
     */
    public static void addColumnSums(DMatrixRMaj g, DMatrixRMaj grad) {
        int c = g.numCols;
        if (g.numRows < 2 * GRAIN) {
            for (int i = 0, k = 0; i < g.numRows; i++) for (int j = 0; j < c; j++, k++) grad.data[j] += g.data[k];
            return;
        }
        double[][] part = new double[Parallel.blocks(g.numRows, GRAIN)][];
        Parallel.forBlocks(g.numRows, GRAIN, (b, from, to) -> {
            double[] p = new double[c];
            for (int i = from, k = from * c; i < to; i++) for (int j = 0; j < c; j++, k++) p[j] += g.data[k];
            part[b] = p;
        });
        for (double[] p : part) for (int j = 0; j < c; j++) grad.data[j] += p[j];
    }

    /** In place: m = max(m, 0). */
    public static void relu(DMatrixRMaj m) {
        if (m.getNumElements() == 0) return;
        int c = m.numCols;
        Parallel.forBlocks(m.numRows, GRAIN, (b, from, to) -> {
            for (int i = from * c; i < to * c; i++) if (m.data[i] < 0) m.data[i] = 0;
        });
    }

    /** dz = dh where h > 0, else 0 (the ReLU backward using its output). */
    public static DMatrixRMaj reluBackward(DMatrixRMaj h, DMatrixRMaj dh) {
        return reluBackward(h, dh, null);
    }

    /** As {@link #reluBackward(DMatrixRMaj, DMatrixRMaj)} into {@code dz} (null or reshaped; may be {@code dh}). */
    public static DMatrixRMaj reluBackward(DMatrixRMaj h, DMatrixRMaj dh, DMatrixRMaj dz) {
        if (dz == null) dz = new DMatrixRMaj(dh.numRows, dh.numCols);
        else if (dz != dh) dz.reshape(dh.numRows, dh.numCols);
        DMatrixRMaj out = dz;
        if (dh.getNumElements() == 0) return dz;
        int c = dh.numCols;
        Parallel.forBlocks(dh.numRows, GRAIN, (b, from, to) -> {
            for (int i = from * c; i < to * c; i++) out.data[i] = h.data[i] > 0 ? dh.data[i] : 0;
        });
        return dz;
    }

    /** In place: m = max(m + bias row, 0), one pass (the same values as {@link #addRow} then {@link #relu}). */
    public static void addRowRelu(DMatrixRMaj m, DMatrixRMaj bias) {
        int c = m.numCols;
        Parallel.forBlocks(m.numRows, GRAIN, (b, from, to) -> {
            double[] d = m.data, bd = bias.data;
            for (int i = from, k = from * c; i < to; i++) {
                for (int j = 0; j < c; j++, k++) {
                    double v = d[k] + bd[j];
                    d[k] = v < 0 ? 0 : v;
                }
            }
        });
    }

    /**
     * In place dh = dh where h &gt; 0, else 0, and grad(1 x c) += the column sums of the result, in one pass: the same values
     * as {@link #reluBackward(DMatrixRMaj, DMatrixRMaj, DMatrixRMaj)} then {@link #addColumnSums} (the same blocks, partials
     * added in block order).
     */
    public static void reluBackwardColumnSums(DMatrixRMaj h, DMatrixRMaj dh, DMatrixRMaj grad) {
        int c = dh.numCols;
        if (dh.numRows < 2 * GRAIN) {
            reluBackward(h, dh, dh);
            addColumnSums(dh, grad);
            return;
        }
        double[][] part = new double[Parallel.blocks(dh.numRows, GRAIN)][];
        Parallel.forBlocks(dh.numRows, GRAIN, (b, from, to) -> {
            double[] p = new double[c], hd = h.data, g = dh.data;
            for (int i = from, k = from * c; i < to; i++) {
                for (int j = 0; j < c; j++, k++) {
                    double v = hd[k] > 0 ? g[k] : 0;
                    g[k] = v;
                    p[j] += v;
                }
            }
            part[b] = p;
        });
        for (double[] p : part) for (int j = 0; j < c; j++) grad.data[j] += p[j];
    }
}
