package org.forwardlearn.forwardgnn.graph;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/** Dense products, multi-threaded (EJML's concurrent ops) when the matrices are large enough to matter. */
public final class Dense {
    private static final long MT_MIN_FLOPS = 1L << 20;

    private Dense() { }

    private static DMatrixRMaj out(DMatrixRMaj out, int r, int c) {
        if (out == null) return new DMatrixRMaj(r, c);
        out.reshape(r, c);
        return out;
    }

    /** out = a b. */
    public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        out = out(out, a.numRows, b.numCols);
        if ((long) a.numRows * a.numCols * b.numCols >= MT_MIN_FLOPS) CommonOps_MT_DDRM.mult(a, b, out);
        else CommonOps_DDRM.mult(a, b, out);
        return out;
    }

    /** out = a^T b. */
    public static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        out = out(out, a.numCols, b.numCols);
        if ((long) a.numRows * a.numCols * b.numCols >= MT_MIN_FLOPS) CommonOps_MT_DDRM.multTransA(a, b, out);
        else CommonOps_DDRM.multTransA(a, b, out);
        return out;
    }

    /** out = a b^T. */
    public static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
        out = out(out, a.numRows, b.numRows);
        if ((long) a.numRows * a.numCols * b.numRows >= MT_MIN_FLOPS) CommonOps_MT_DDRM.multTransB(a, b, out);
        else CommonOps_DDRM.multTransB(a, b, out);
        return out;
    }

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
        DMatrixRMaj dz = new DMatrixRMaj(dh.numRows, dh.numCols);
        for (int i = 0; i < dh.getNumElements(); i++) dz.data[i] = h.data[i] > 0 ? dh.data[i] : 0;
        return dz;
    }
}
