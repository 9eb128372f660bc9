package org.forwardlearn.forwardgnn.nodeclass;

import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Split;

/**
 * The label-propagation signals SF can use while staying layer-local (issue 20). Each is computed from fixed
 * quantities only (training labels, the graph, and the finished layers' summed class distributions), never from a
 * gradient through another layer:
 * <ul>
 *   <li>{@code residualWeight} &gt; 0: layer l's objective adds, on every node without a training label, a soft-target
 *       cross-entropy towards T_l = Correct-and-Smooth of the finished layers' prediction P_{&lt;l} (layer 0: of the uniform
 *       prediction, i.e. propagated training labels). T_l is fixed while layer l trains.</li>
 *   <li>{@code smooth}: the prediction (summed per-layer distributions, averaged) is post-processed by Correct and
 *       Smooth; the two strengths are chosen on the validation nodes from {@link #ALPHAS}.</li>
 *   <li>{@code labelInput}: the label trick: C columns appended to the features, node i's being the GCN-weighted
 *       one-hop sum of its neighbours' training labels with i's own label masked (the self-loop term left out).</li>
 * </ul>
 *
 * @param residualWeight weight of the soft-target term (0 = off)
 * @param smooth         Correct-and-Smooth post-processing of the prediction
 * @param labelInput     label-trick input columns
 */
public record Propagated(double residualWeight, boolean smooth, boolean labelInput) {
    /** The propagation strengths tried for each C&amp;S step (0 = step skipped). */
    static final double[] ALPHAS = {0, 0.5, 0.8, 0.9, 0.95};

    public Propagated {
        if (!(residualWeight >= 0)) throw new IllegalArgumentException("Expected residualWeight >= 0 (got " + residualWeight + ")");
    }

    /**
     * Correct and Smooth of p with the strengths that give the best validation accuracy (ties: the first in
     * {@link #ALPHAS} order, no propagation first); returns {alphaCorrect, alphaSmooth} and the output in {@code out[0]}.
     */
    static double[] bestCorrectAndSmooth(Csr s, double[] p, int[] labels, Split split, int c, double[][] out) {
        double best = -1, a1 = 0, a2 = 0;
        double[] bestZ = p;
        for (double ac : ALPHAS) {
            for (double as : ALPHAS) {
                double[] z = LabelPropagation.correctAndSmooth(s, p, labels, split.train(), c, ac, as);
                double acc = LabelPropagation.accuracy(z, labels, split.val(), c);
                if (acc > best) { best = acc; a1 = ac; a2 = as; bestZ = z; }
            }
        }
        out[0] = bestZ;
        return new double[] {a1, a2};
    }

    /** g with the label-trick columns appended (sparse features stay sparse). */
    static GraphData withLabelColumns(GraphData g, Split split) {
        int n = g.numNodes(), c = g.numClasses(), f = g.features().cols();
        Csr s = g.topology().gcn();
        double[] y = LabelPropagation.oneHot(g.labels(), split.train(), n, c);
        double[] lab = new double[n * c];
        for (int i = 0; i < n; i++) {
            for (int k = s.rowStart(i); k < s.rowEnd(i); k++) {
                int j = s.col(k);
                if (j == i) continue; // own label masked
                for (int q = 0; q < c; q++) lab[i * c + q] += s.value(k) * y[j * c + q];
            }
        }
        Csr x = g.features().toCsr();
        int nnz = x.nonZeros();
        for (double v : lab) if (v != 0) nnz++;
        int[] r = new int[nnz], col = new int[nnz];
        double[] v = new double[nnz];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int k = x.rowStart(i); k < x.rowEnd(i); k++) { r[p] = i; col[p] = x.col(k); v[p++] = x.value(k); }
            for (int q = 0; q < c; q++) if (lab[i * c + q] != 0) { r[p] = i; col[p] = f + q; v[p++] = lab[i * c + q]; }
        }
        NodeMatrix feats = NodeMatrix.sparse(Csr.fromTriplets(n, f + c, r, col, v));
        if (!g.features().isSparse()) feats = NodeMatrix.dense(feats.toDense());
        return new GraphData(g.id(), g.topology(), feats, g.labels(), c);
    }
}
