package org.forwardlearn.datasets.graph;

import org.ejml.data.DMatrixSparseCSC;

import java.util.Arrays;

/** Package-internal checks and counts run when a {@link Graph} is constructed. */
final class GraphValidation {
    private GraphValidation() {
    }

    /**
     * Validates the CSC structure and returns a copy with sorted, unique row indices per column (duplicates
     * are merged keeping the larger value, counted and logged).
     */
    static DMatrixSparseCSC cleanAdjacency(String name, DMatrixSparseCSC a) {
        if (a == null) throw new IllegalArgumentException(name + ": Expected an adjacency matrix (got null)");
        if (a.numRows != a.numCols) {
            throw new IllegalArgumentException(name + ": Expected a square adjacency (got " + a.numRows + "x"
                    + a.numCols + ")");
        }
        int n = a.numCols;
        if (a.col_idx[0] != 0 || a.col_idx[n] != a.nz_length) {
            throw new IllegalArgumentException(name + ": Expected col_idx from 0 to nz_length=" + a.nz_length
                    + " (got " + a.col_idx[0] + " to " + a.col_idx[n] + ")");
        }
        for (int j = 0; j < n; j++) {
            if (a.col_idx[j + 1] < a.col_idx[j]) {
                throw new IllegalArgumentException(name + ": Expected non-decreasing col_idx (got col_idx[" + (j + 1)
                        + "]=" + a.col_idx[j + 1] + " < " + a.col_idx[j] + ")");
            }
        }
        for (int k = 0; k < a.nz_length; k++) {
            if (a.nz_rows[k] < 0 || a.nz_rows[k] >= n) {
                throw new IllegalArgumentException(name + ": Expected row index in [0, " + n + ") (got " + a.nz_rows[k]
                        + " at entry " + k + ")");
            }
            if (!Double.isFinite(a.nz_values[k])) {
                throw new IllegalArgumentException(name + ": Expected finite edge weights (got " + a.nz_values[k]
                        + " at entry " + k + ")");
            }
        }
        DMatrixSparseCSC c = a.copy();
        c.sortIndices(null);
        int w = 0;
        int duplicates = 0;
        for (int j = 0; j < n; j++) {
            int start = c.col_idx[j];
            int end = c.col_idx[j + 1];
            c.col_idx[j] = w;
            for (int k = start; k < end; k++) {
                if (k > start && c.nz_rows[k] == c.nz_rows[k - 1]) {
                    duplicates++;
                    c.nz_values[w - 1] = Math.max(c.nz_values[w - 1], c.nz_values[k]);
                    continue;
                }
                c.nz_rows[w] = c.nz_rows[k];
                c.nz_values[w] = c.nz_values[k];
                w++;
            }
        }
        c.col_idx[n] = w;
        c.nz_length = w;
        c.indicesSorted = true;
        if (duplicates > 0) {
            Graph.log().warn("{}: merged {} duplicate adjacency entries", name, duplicates);
        }
        return c;
    }

    static void checkLabels(String name, int[] labels, int n, int numClasses) {
        if (labels.length != n) {
            throw new IllegalArgumentException(name + ": Expected " + n + " labels (got " + labels.length + ")");
        }
        if (numClasses < 0) {
            throw new IllegalArgumentException(name + ": Expected numClasses >= 0 (got " + numClasses + ")");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < -1 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(name + ": Expected label in [-1, " + numClasses + ") for node " + i
                        + " (got " + labels[i] + ")");
            }
        }
    }

    static int countSelfLoops(DMatrixSparseCSC a) {
        int s = 0;
        for (int j = 0; j < a.numCols; j++) {
            if (contains(a, a.nz_rows, j, j)) s++;
        }
        return s;
    }

    /** Whether entry (row, col) is stored (indices must be sorted). */
    static boolean contains(DMatrixSparseCSC a, int[] rows, int row, int col) {
        return Arrays.binarySearch(rows, a.col_idx[col], a.col_idx[col + 1], row) >= 0;
    }

    static boolean isSymmetric(DMatrixSparseCSC a) {
        for (int j = 0; j < a.numCols; j++) {
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                if (!contains(a, a.nz_rows, j, a.nz_rows[k])) return false;
            }
        }
        return true;
    }

    static long undirectedEdgeCount(DMatrixSparseCSC a, boolean symmetric, int selfLoops) {
        long offDiagonal = a.nz_length - (long) selfLoops;
        if (symmetric) return offDiagonal / 2;
        long mutual = 0;
        for (int j = 0; j < a.numCols; j++) {
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                int i = a.nz_rows[k];
                if (i != j && contains(a, a.nz_rows, j, i)) mutual++;
            }
        }
        return offDiagonal - mutual / 2;
    }
}
