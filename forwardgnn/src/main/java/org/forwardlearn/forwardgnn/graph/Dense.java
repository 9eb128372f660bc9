package org.forwardlearn.forwardgnn.graph;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.kernel.Kernels;

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

    /** Adds the bias row to every row of m. */
    public static void addRow(DMatrixRMaj m, DMatrixRMaj bias) {
        int c = m.numCols;
        for (int i = 0, k = 0; i < m.numRows; i++) for (int j = 0; j < c; j++, k++) m.data[k] += bias.data[j];
    }

    /** grad(1 x c) += column sums of g. */
    public static void addColumnSums(DMatrixRMaj g, DMatrixRMaj grad) {
        int c = g.numCols;
        for (int i = 0, k = 0; i < g.numRows; i++) for (int j = 0; j < c; j++, k++) grad.data[j] += g.data[k];
    }

    /** In place: m = max(m, 0). */
    public static void relu(DMatrixRMaj m) {
        for (int i = 0; i < m.getNumElements(); i++) if (m.data[i] < 0) m.data[i] = 0;
    }

    /** dz = dh where h > 0, else 0 (the ReLU backward using its output). */
    public static DMatrixRMaj reluBackward(DMatrixRMaj h, DMatrixRMaj dh) {
        return reluBackward(h, dh, null);
    }

    /** As {@link #reluBackward(DMatrixRMaj, DMatrixRMaj)} into {@code dz} (null or reshaped; may be {@code dh}). */
    public static DMatrixRMaj reluBackward(DMatrixRMaj h, DMatrixRMaj dh, DMatrixRMaj dz) {
        if (dz == null) dz = new DMatrixRMaj(dh.numRows, dh.numCols);
        else if (dz != dh) dz.reshape(dh.numRows, dh.numCols);
        for (int i = 0; i < dh.getNumElements(); i++) dz.data[i] = h.data[i] > 0 ? dh.data[i] : 0;
        return dz;
    }
}
