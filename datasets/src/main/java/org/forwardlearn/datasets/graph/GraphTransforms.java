package org.forwardlearn.datasets.graph;

import org.ejml.data.DMatrixSparseCSC;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Package-internal implementations of the {@link Graph} transformations. */
final class GraphTransforms {
    private GraphTransforms() {
    }

    /** Rebuilds the (binary) adjacency from its entries, keeping the graph's source report. */
    static Graph rebuild(Graph g, DMatrixSparseCSC a, boolean symmetrise, boolean dropLoops) {
        int m = a.nz_length;
        int[] src = Arrays.copyOf(a.nz_rows, m);
        int[] dst = new int[m];
        for (int j = 0; j < a.numCols; j++) {
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) dst[k] = j;
        }
        DMatrixSparseCSC b = AdjacencyOps.build(a.numCols, src, dst, m, symmetrise, dropLoops).adjacency();
        return g.toBuilder().adjacency(b).build();
    }

    /** A + I where existing diagonal entries are set to 1 rather than doubled (binary semantics). */
    static DMatrixSparseCSC plusIdentity(DMatrixSparseCSC a) {
        int n = a.numCols;
        DMatrixSparseCSC c = new DMatrixSparseCSC(n, n, a.nz_length + n);
        int w = 0;
        for (int j = 0; j < n; j++) {
            c.col_idx[j] = w;
            boolean placed = false;
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                int i = a.nz_rows[k];
                if (!placed && i >= j) {
                    c.nz_rows[w] = j;
                    c.nz_values[w++] = 1.0;
                    placed = true;
                    if (i == j) continue;
                }
                c.nz_rows[w] = i;
                c.nz_values[w++] = a.nz_values[k];
            }
            if (!placed) {
                c.nz_rows[w] = j;
                c.nz_values[w++] = 1.0;
            }
        }
        c.col_idx[n] = w;
        c.nz_length = w;
        c.indicesSorted = true;
        return c;
    }

    static double[] rowSums(DMatrixSparseCSC a) {
        double[] d = new double[a.numRows];
        for (int k = 0; k < a.nz_length; k++) d[a.nz_rows[k]] += a.nz_values[k];
        return d;
    }

    static DMatrixSparseCSC gcnNormalize(DMatrixSparseCSC a) {
        DMatrixSparseCSC c = plusIdentity(a);
        double[] d = rowSums(c);
        double[] inv = new double[d.length];
        for (int i = 0; i < d.length; i++) inv[i] = d[i] > 0 ? 1.0 / Math.sqrt(d[i]) : 0.0;
        for (int j = 0; j < c.numCols; j++) {
            for (int k = c.col_idx[j]; k < c.col_idx[j + 1]; k++) c.nz_values[k] *= inv[c.nz_rows[k]] * inv[j];
        }
        return c;
    }

    static DMatrixSparseCSC rowNormalize(DMatrixSparseCSC a) {
        DMatrixSparseCSC c = a.copy();
        double[] d = rowSums(c);
        for (int k = 0; k < c.nz_length; k++) {
            double s = d[c.nz_rows[k]];
            if (s != 0) c.nz_values[k] /= s;
        }
        return c;
    }

    static int[] largestComponentNodes(int[] comp) {
        int c = 0;
        for (int x : comp) c = Math.max(c, x + 1);
        int[] size = new int[c];
        for (int x : comp) size[x]++;
        int best = 0;
        for (int k = 1; k < c; k++) if (size[k] > size[best]) best = k;
        int[] nodes = new int[c == 0 ? 0 : size[best]];
        int w = 0;
        for (int i = 0; i < comp.length; i++) if (comp[i] == best) nodes[w++] = i;
        return nodes;
    }

    static Graph subgraph(Graph g, DMatrixSparseCSC a, int[] nodes) {
        int n = a.numCols;
        int[] newId = new int[n];
        Arrays.fill(newId, -1);
        for (int k = 0; k < nodes.length; k++) {
            int v = nodes[k];
            if (v < 0 || v >= n) {
                throw new IllegalArgumentException(g.name() + ": Expected subgraph node ids in [0, " + n + ") (got "
                        + v + ")");
            }
            if (newId[v] >= 0) {
                throw new IllegalArgumentException(g.name() + ": Expected distinct subgraph node ids (got " + v
                        + " twice)");
            }
            newId[v] = k;
        }
        int m = nodes.length;
        DMatrixSparseCSC c = new DMatrixSparseCSC(m, m, 0);
        int count = 0;
        for (int v : nodes) {
            for (int k = a.col_idx[v]; k < a.col_idx[v + 1]; k++) if (newId[a.nz_rows[k]] >= 0) count++;
        }
        c.growMaxLength(count, false);
        int w = 0;
        for (int jn = 0; jn < m; jn++) {
            int j = nodes[jn];
            c.col_idx[jn] = w;
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                int r = newId[a.nz_rows[k]];
                if (r < 0) continue;
                c.nz_rows[w] = r;
                c.nz_values[w++] = a.nz_values[k];
            }
        }
        c.col_idx[m] = w;
        c.nz_length = w;
        c.indicesSorted = false;
        int[] y = g.labels();
        int[] sy = new int[m];
        for (int k = 0; k < m; k++) sy[k] = y[nodes[k]];
        List<String> names = null;
        if (g.nodeNames().isPresent()) {
            List<String> all = g.nodeNames().get();
            names = new ArrayList<>(m);
            for (int v : nodes) names.add(all.get(v));
        }
        return Graph.builder(g.name()).adjacency(c).features(g.features().selectRows(nodes))
                .labels(sy, g.numClasses()).nodeNames(names).edgeReport(g.edgeReport()).build();
    }
}
