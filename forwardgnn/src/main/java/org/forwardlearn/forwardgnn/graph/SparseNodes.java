package org.forwardlearn.forwardgnn.graph;

import org.ejml.data.DMatrixRMaj;

/** A sparse (CSR) {@link NodeMatrix}; keeps its transpose for X^T G products. */
final class SparseNodes implements NodeMatrix {
    private final Csr m;
    private volatile Csr transposed;

    SparseNodes(Csr m) { this.m = m; }

    @Override public int rows() { return m.rows(); }
    @Override public int cols() { return m.cols(); }
    @Override public long nonZeros() { return m.nonZeros(); }
    @Override public boolean isSparse() { return true; }

    @Override public DMatrixRMaj times(DMatrixRMaj w, DMatrixRMaj out) { return m.mult(w, out); }

    @Override
    public DMatrixRMaj transposeTimes(DMatrixRMaj g, DMatrixRMaj out) {
        Csr t = transposed;
        if (t == null) { t = m.transpose(); transposed = t; }
        return t.mult(g, out);
    }

    @Override public DMatrixRMaj aggregate(Csr a) { return a.mult(m.toDense(), null); }

    @Override public NodeMatrix rowL2Normalized() { return new SparseNodes(m.rowL2Normalized(1e-8)); }

    @Override public DMatrixRMaj toDense() { return m.toDense(); }

    @Override public Csr toCsr() { return m; }

    Csr csr() { return m; }
}
