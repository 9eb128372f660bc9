package org.forwardlearn.forwardgnn.graph;

import org.ejml.data.DMatrixRMaj;

/**
 * A layer input: one row per node, dense or sparse (bag-of-words features stay sparse). Only the
 * products a graph layer needs are exposed; implementations are immutable.
 */
public interface NodeMatrix {
    int rows();

    int cols();

    /** Stored entries (rows * cols when dense); drives the per-layer choice of product order. */
    long nonZeros();

    boolean isSparse();

    /** out = this * w (rows x w.numCols); out may be null or is reshaped. */
    DMatrixRMaj times(DMatrixRMaj w, DMatrixRMaj out);

    /** out = this^T * g (cols x g.numCols); out may be null or is reshaped. */
    DMatrixRMaj transposeTimes(DMatrixRMaj g, DMatrixRMaj out);

    /** a * this, dense (a.rows x cols). */
    DMatrixRMaj aggregate(Csr a);

    /**
     * a * this as a node matrix: sparse when this is sparse and the product stays sparse enough
     * (bag-of-words features aggregated over neighbours), dense otherwise. Computed once per constant input.
     */
    default NodeMatrix aggregateNodes(Csr a) { return dense(aggregate(a)); }

    /** The given rows, in that order (a new matrix). */
    NodeMatrix selectRows(int[] rows);

    /** acc += this^T * g (acc is cols x g.numCols). */
    void addTransposeTimes(DMatrixRMaj g, DMatrixRMaj acc);

    /** This matrix with every row scaled to unit L2 norm (eps 1e-8, as the reference implementation). */
    NodeMatrix rowL2Normalized();

    DMatrixRMaj toDense();

    /** This matrix in CSR form (shared, not copied, when already sparse). */
    default Csr toCsr() { return Csr.fromDense(toDense()); }

    static NodeMatrix dense(DMatrixRMaj m) { return new DenseNodes(m); }

    static NodeMatrix sparse(Csr m) { return new SparseNodes(m); }
}
