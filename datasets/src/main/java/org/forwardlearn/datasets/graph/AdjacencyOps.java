package org.forwardlearn.datasets.graph;

import org.ejml.data.DMatrixSparseCSC;

import java.util.Arrays;

/** Package-internal sparse-structure algorithms: building a clean CSC from edges, components. */
final class AdjacencyOps {
    private AdjacencyOps() {
    }

    /** A built adjacency and the report of what the source contained. */
    record Built(DMatrixSparseCSC adjacency, EdgeReport report) {
    }

    /**
     * Builds a binary N x N CSC (entry (i,j) = edge i->j) with sorted, unique row indices per column.
     * Indices are validated; duplicates and self-loops are counted.
     */
    static Built build(int n, int[] src, int[] dst, int m, boolean symmetrise, boolean dropSelfLoops) {
        long selfLoops = 0;
        for (int k = 0; k < m; k++) {
            if (src[k] < 0 || src[k] >= n || dst[k] < 0 || dst[k] >= n) {
                throw new IllegalArgumentException("Edge " + k + ": Expected node ids in [0, " + n + ") (got "
                        + src[k] + " -> " + dst[k] + ")");
            }
            if (src[k] == dst[k]) selfLoops++;
        }
        Sorted directed = sortedUnique(n, src, dst, m, false, false);
        long duplicates = m - directed.nnz;
        DMatrixSparseCSC a;
        if (!symmetrise && !dropSelfLoops) {
            a = directed.toCsc(n);
        } else {
            a = sortedUnique(n, src, dst, m, symmetrise, dropSelfLoops).toCsc(n);
        }
        return new Built(a, new EdgeReport(m, selfLoops, duplicates, symmetrise, dropSelfLoops));
    }

    private record Sorted(int[] colIdx, int[] rows, int nnz) {
        DMatrixSparseCSC toCsc(int n) {
            DMatrixSparseCSC a = new DMatrixSparseCSC(n, n, nnz);
            System.arraycopy(colIdx, 0, a.col_idx, 0, n + 1);
            System.arraycopy(rows, 0, a.nz_rows, 0, nnz);
            Arrays.fill(a.nz_values, 0, nnz, 1.0);
            a.nz_length = nnz;
            a.indicesSorted = true;
            return a;
        }
    }

    /** Counting sort by target column, then sort + dedupe rows within each column. O(m log d). */
    private static Sorted sortedUnique(int n, int[] src, int[] dst, int m, boolean both, boolean dropLoops) {
        int[] count = new int[n + 1];
        for (int k = 0; k < m; k++) {
            if (dropLoops && src[k] == dst[k]) continue;
            count[dst[k] + 1]++;
            if (both && src[k] != dst[k]) count[src[k] + 1]++;
        }
        for (int j = 0; j < n; j++) count[j + 1] += count[j];
        int total = count[n];
        int[] rows = new int[total];
        int[] fill = Arrays.copyOf(count, n);
        for (int k = 0; k < m; k++) {
            if (dropLoops && src[k] == dst[k]) continue;
            rows[fill[dst[k]]++] = src[k];
            if (both && src[k] != dst[k]) rows[fill[src[k]]++] = dst[k];
        }
        int[] colIdx = new int[n + 1];
        int w = 0;
        for (int j = 0; j < n; j++) {
            int start = count[j];
            int end = count[j + 1];
            Arrays.sort(rows, start, end);
            colIdx[j] = w;
            for (int k = start; k < end; k++) {
                if (k > start && rows[k] == rows[k - 1]) continue;
                rows[w++] = rows[k];
            }
        }
        colIdx[n] = w;
        return new Sorted(colIdx, rows, w);
    }

    /** Weakly connected component id per node (ids 0..c-1 in order of first node). */
    static int[] components(DMatrixSparseCSC a) {
        int n = a.numCols;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        for (int j = 0; j < n; j++) {
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                int ri = find(parent, a.nz_rows[k]);
                int rj = find(parent, j);
                if (ri != rj) parent[Math.max(ri, rj)] = Math.min(ri, rj);
            }
        }
        int[] comp = new int[n];
        int[] idOfRoot = new int[n];
        Arrays.fill(idOfRoot, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (idOfRoot[r] < 0) idOfRoot[r] = next++;
            comp[i] = idOfRoot[r];
        }
        return comp;
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
}
