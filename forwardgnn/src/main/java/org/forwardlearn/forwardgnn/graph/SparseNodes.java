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

    private Csr transposed() {
        Csr t = transposed;
        if (t == null) { t = m.transpose(); transposed = t; }
        return t;
    }

    @Override
    public DMatrixRMaj transposeTimes(DMatrixRMaj g, DMatrixRMaj out) { return transposed().mult(g, out); }

    /** Densities above this make the aggregation dense (a dense product is then cheaper than a sparse one). */
    static final double MAX_SPARSE_DENSITY = 0.25;

    @Override public DMatrixRMaj aggregate(Csr a) { return a.multSparse(m).toDense(); }

    @Override
    public NodeMatrix aggregateNodes(Csr a) {
        Csr p = a.multSparse(m);
        return p.nonZeros() > MAX_SPARSE_DENSITY * p.rows() * (double) p.cols() ? NodeMatrix.dense(p.toDense()) : new SparseNodes(p);
    }

    @Override public NodeMatrix selectRows(int[] rows) { return new SparseNodes(m.selectRows(rows)); }

    /** acc += x^T g as a gather over the cached transpose (register-accumulated rows; cheaper than a scatter). */
    @Override public void addTransposeTimes(DMatrixRMaj g, DMatrixRMaj acc) { transposed().multAdd(g, acc); }

    @Override public NodeMatrix rowL2Normalized() { return new SparseNodes(m.rowL2Normalized(1e-8)); }

    @Override public DMatrixRMaj toDense() { return m.toDense(); }

    @Override public Csr toCsr() { return m; }

    Csr csr() { return m; }
}
