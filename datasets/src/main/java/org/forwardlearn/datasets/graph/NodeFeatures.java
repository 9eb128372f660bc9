package org.forwardlearn.datasets.graph;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.ops.DConvertMatrixStruct;

import java.util.Objects;

/**
 * Immutable node-feature matrix (rows = nodes, columns = features), stored either dense or sparse.
 * Accessors return copies, so nothing outside can change it. Sparse storage is an EJML CSC matrix
 * with sorted row indices.
 */
public final class NodeFeatures {
    private final DMatrixRMaj dense;
    private final DMatrixSparseCSC sparse;

    private NodeFeatures(DMatrixRMaj dense, DMatrixSparseCSC sparse) {
        this.dense = dense;
        this.sparse = sparse;
    }

    /** Wraps a copy of a dense N x F matrix. */
    public static NodeFeatures dense(DMatrixRMaj x) {
        Objects.requireNonNull(x, "features");
        return new NodeFeatures(x.copy(), null);
    }

    /** Wraps a copy of a sparse N x F matrix (indices are sorted on the copy). */
    public static NodeFeatures sparse(DMatrixSparseCSC x) {
        Objects.requireNonNull(x, "features");
        DMatrixSparseCSC c = x.copy();
        c.sortIndices(null);
        return new NodeFeatures(null, c);
    }

    /** Takes ownership without copying (package-internal: callers promise not to keep a reference). */
    static NodeFeatures ownDense(DMatrixRMaj x) {
        return new NodeFeatures(x, null);
    }

    static NodeFeatures ownSparse(DMatrixSparseCSC x) {
        x.sortIndices(null);
        return new NodeFeatures(null, x);
    }

    public boolean isSparse() {
        return sparse != null;
    }

    public int numRows() {
        return sparse != null ? sparse.numRows : dense.numRows;
    }

    public int numCols() {
        return sparse != null ? sparse.numCols : dense.numCols;
    }

    /** Number of stored non-zeros (for dense: the number of entries != 0). */
    public int nonZeros() {
        if (sparse != null) {
            int n = 0;
            for (int k = 0; k < sparse.nz_length; k++) {
                if (sparse.nz_values[k] != 0) n++;
            }
            return n;
        }
        int n = 0;
        for (int k = 0; k < dense.getNumElements(); k++) {
            if (dense.data[k] != 0) n++;
        }
        return n;
    }

    /** Entry (row, col). O(log nnz-per-column) for sparse storage. */
    public double get(int row, int col) {
        return sparse != null ? sparse.get(row, col) : dense.get(row, col);
    }

    /** A dense copy (converted if stored sparse). */
    public DMatrixRMaj dense() {
        if (dense != null) return dense.copy();
        return DConvertMatrixStruct.convert(sparse, (DMatrixRMaj) null);
    }

    /** A sparse copy (converted if stored dense; exact zeros are dropped). */
    public DMatrixSparseCSC sparse() {
        if (sparse != null) return sparse.copy();
        return DConvertMatrixStruct.convert(dense, (DMatrixSparseCSC) null, 0.0);
    }

    /** Sum of each row (length N). */
    public double[] rowSums() {
        double[] s = new double[numRows()];
        if (sparse != null) {
            for (int k = 0; k < sparse.nz_length; k++) s[sparse.nz_rows[k]] += sparse.nz_values[k];
        } else {
            for (int i = 0; i < dense.numRows; i++) {
                double t = 0;
                for (int j = 0; j < dense.numCols; j++) t += dense.data[i * dense.numCols + j];
                s[i] = t;
            }
        }
        return s;
    }

    /**
     * PyG {@code NormalizeFeatures}: every row divided by its sum so that it sums to 1; rows that sum to 0
     * are left unchanged. Keeps the storage kind.
     */
    public NodeFeatures rowNormalized() {
        double[] s = rowSums();
        if (sparse != null) {
            DMatrixSparseCSC c = sparse.copy();
            for (int k = 0; k < c.nz_length; k++) {
                double d = s[c.nz_rows[k]];
                if (d != 0) c.nz_values[k] /= d;
            }
            return new NodeFeatures(null, c);
        }
        DMatrixRMaj c = dense.copy();
        for (int i = 0; i < c.numRows; i++) {
            if (s[i] == 0) continue;
            for (int j = 0; j < c.numCols; j++) c.data[i * c.numCols + j] /= s[i];
        }
        return new NodeFeatures(c, null);
    }

    /** The rows listed in {@code nodes}, in that order. */
    public NodeFeatures selectRows(int[] nodes) {
        if (sparse == null) {
            DMatrixRMaj out = new DMatrixRMaj(nodes.length, dense.numCols);
            for (int r = 0; r < nodes.length; r++) {
                System.arraycopy(dense.data, nodes[r] * dense.numCols, out.data, r * dense.numCols, dense.numCols);
            }
            return new NodeFeatures(out, null);
        }
        int[] newRow = new int[sparse.numRows];
        java.util.Arrays.fill(newRow, -1);
        for (int r = 0; r < nodes.length; r++) newRow[nodes[r]] = r;
        org.ejml.data.DMatrixSparseTriplet t = new org.ejml.data.DMatrixSparseTriplet(nodes.length, sparse.numCols,
                sparse.nz_length);
        for (int j = 0; j < sparse.numCols; j++) {
            for (int k = sparse.col_idx[j]; k < sparse.col_idx[j + 1]; k++) {
                int r = newRow[sparse.nz_rows[k]];
                if (r >= 0) t.addItem(r, j, sparse.nz_values[k]);
            }
        }
        return ownSparse(DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null));
    }

    @Override
    public String toString() {
        return "NodeFeatures[" + numRows() + "x" + numCols() + (isSparse() ? ", sparse" : ", dense") + "]";
    }
}
