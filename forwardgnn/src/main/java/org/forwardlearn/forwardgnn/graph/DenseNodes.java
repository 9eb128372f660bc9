package org.forwardlearn.forwardgnn.graph;

import org.ejml.data.DMatrixRMaj;

/** A dense {@link NodeMatrix}; the wrapped matrix is not copied and must not be modified afterwards. */
final class DenseNodes implements NodeMatrix {
    private final DMatrixRMaj m;

    DenseNodes(DMatrixRMaj m) { this.m = m; }

    @Override public int rows() { return m.numRows; }
    @Override public int cols() { return m.numCols; }
    @Override public long nonZeros() { return (long) m.numRows * m.numCols; }
    @Override public boolean isSparse() { return false; }

    @Override public DMatrixRMaj times(DMatrixRMaj w, DMatrixRMaj out) { return Dense.mult(m, w, out); }

    @Override public DMatrixRMaj transposeTimes(DMatrixRMaj g, DMatrixRMaj out) { return Dense.multTransA(m, g, out); }

    @Override public DMatrixRMaj aggregate(Csr a) { return a.mult(m, null); }

    @Override
    public NodeMatrix selectRows(int[] rows) {
        int c = m.numCols;
        DMatrixRMaj o = new DMatrixRMaj(rows.length, c);
        for (int t = 0; t < rows.length; t++) System.arraycopy(m.data, rows[t] * c, o.data, t * c, c);
        return new DenseNodes(o);
    }

    @Override public void addTransposeTimes(DMatrixRMaj g, DMatrixRMaj acc) { Dense.multAddTransA(m, g, acc); }

    @Override
    public NodeMatrix rowL2Normalized() {
        DMatrixRMaj o = new DMatrixRMaj(m.numRows, m.numCols);
        int c = m.numCols;
        for (int i = 0; i < m.numRows; i++) {
            double s = 0;
            for (int j = 0; j < c; j++) s += m.data[i * c + j] * m.data[i * c + j];
            double inv = 1.0 / (Math.sqrt(s) + 1e-8);
            for (int j = 0; j < c; j++) o.data[i * c + j] = m.data[i * c + j] * inv;
        }
        return new DenseNodes(o);
    }

    @Override public DMatrixRMaj toDense() { return m; }
}
