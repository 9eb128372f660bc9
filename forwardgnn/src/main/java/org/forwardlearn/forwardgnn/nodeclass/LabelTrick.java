package org.forwardlearn.forwardgnn.nodeclass;

import java.util.Random;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.graph.Topology;

/**
 * The label trick with masking (Wang et al. 2021, "Bag of tricks for node classification"), made layer-local as a
 * disjoint union of three copies of the graph, so that every layer still reads one constant input:
 * <ul>
 *   <li>copy 0 (ids 0..n-1, the real nodes, used for validation, test and prediction): every training node carries
 *       its label as C extra input columns;</li>
 *   <li>copy 1 (ids n..2n-1): only the training nodes of half A carry their label; the loss reads half B;</li>
 *   <li>copy 2 (ids 2n..3n-1): only half B carries its label; the loss reads half A.</li>
 * </ul>
 * A scored node's own label is therefore never in its copy's input, at any depth (no leak through a neighbour's
 * aggregation either), and every training node is scored once. The halves are drawn once from the method's fixed
 * stream. A label column is the one-hot label scaled by the node's feature L2 norm (1 for a zero row), so after the
 * layer input's row-L2 normalisation the feature and label parts weigh the same.
 *
 * @param graph        the union graph (3n nodes; labels -1 outside copy 0)
 * @param scored       the rows the training loss reads (copy 1's half B, then copy 2's half A)
 * @param scoredLabels their labels
 */
public record LabelTrick(GraphData graph, int[] scored, int[] scoredLabels) {
    /** Builds the union for the features of g (row-sum normalised already) and the training nodes of the split. */
    static LabelTrick union(GraphData g, Split split, Random rng) {
        int n = g.numNodes(), c = g.numClasses(), f = g.features().cols();
        int[] train = split.train().clone();
        for (int i = train.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = train[i]; train[i] = train[j]; train[j] = t;
        }
        int half = train.length / 2;
        // visible[copy][node]: does the node carry its label in that copy
        boolean[][] visible = new boolean[3][n];
        for (int t = 0; t < train.length; t++) {
            visible[0][train[t]] = true;
            visible[t < half ? 1 : 2][train[t]] = true;
        }
        int[] scored = new int[train.length], scoredLabels = new int[train.length];
        int p = 0;
        for (int t = half; t < train.length; t++) { scored[p] = n + train[t]; scoredLabels[p++] = g.labels()[train[t]]; }
        for (int t = 0; t < half; t++) { scored[p] = 2 * n + train[t]; scoredLabels[p++] = g.labels()[train[t]]; }

        Csr x = g.features().toCsr();
        int nnz = 3 * x.nonZeros() + 2 * train.length;
        int[] r = new int[nnz], col = new int[nnz];
        double[] v = new double[nnz];
        int q = 0;
        for (int copy = 0; copy < 3; copy++) {
            for (int i = 0; i < n; i++) {
                double norm = 0;
                for (int k = x.rowStart(i); k < x.rowEnd(i); k++) {
                    r[q] = copy * n + i; col[q] = x.col(k); v[q++] = x.value(k);
                    norm += x.value(k) * x.value(k);
                }
                if (visible[copy][i]) { r[q] = copy * n + i; col[q] = f + g.labels()[i]; v[q++] = norm > 0 ? Math.sqrt(norm) : 1; }
            }
        }
        NodeMatrix feats = NodeMatrix.sparse(Csr.fromTriplets(3 * n, f + c, java.util.Arrays.copyOf(r, q),
                java.util.Arrays.copyOf(col, q), java.util.Arrays.copyOf(v, q)));
        if (!g.features().isSparse()) feats = NodeMatrix.dense(feats.toDense());
        int[][] e = g.topology().edges();
        int m = e[0].length;
        int[] src = new int[3 * m], dst = new int[3 * m];
        for (int copy = 0; copy < 3; copy++) {
            for (int k = 0; k < m; k++) { src[copy * m + k] = copy * n + e[0][k]; dst[copy * m + k] = copy * n + e[1][k]; }
        }
        int[] labels = new int[3 * n];
        java.util.Arrays.fill(labels, -1);
        System.arraycopy(g.labels(), 0, labels, 0, n);
        GraphData u = new GraphData(g.id() + "+label-trick", Topology.fromEdges(3 * n, src, dst), feats, labels, c);
        return new LabelTrick(u, scored, scoredLabels);
    }
}
