package org.forwardlearn.forwardgnn.nodeclass;

import org.forwardlearn.forwardgnn.graph.Csr;
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
 *   <li>{@code labelInput}: the label trick with masking ({@link LabelTrick}): training labels as C extra input
 *       columns, a scored node's own label never in its input.</li>
 *   <li>{@code dropout} &gt; 0: inverted dropout on the layer's own output rows inside its local objective
 *       ({@link LocalDropout}; validation and prediction use the full output).</li>
 * </ul>
 *
 * @param residualWeight weight of the soft-target term (0 = off)
 * @param smooth         Correct-and-Smooth post-processing of the prediction
 * @param labelInput     label-trick input columns
 * @param dropout        dropout probability in the local objective, in [0, 1) (0 = off)
 */
public record Propagated(double residualWeight, boolean smooth, boolean labelInput, double dropout) {
    /** The propagation strengths tried for each C&amp;S step (0 = step skipped). */
    static final double[] ALPHAS = {0, 0.5, 0.8, 0.9, 0.95};

    public Propagated {
        if (!(residualWeight >= 0)) throw new IllegalArgumentException("Expected residualWeight >= 0 (got " + residualWeight + ")");
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("Expected dropout in [0, 1) (got " + dropout + ")");
    }

    /** Without dropout in the local objective. */
    public Propagated(double residualWeight, boolean smooth, boolean labelInput) {
        this(residualWeight, smooth, labelInput, 0);
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
}
