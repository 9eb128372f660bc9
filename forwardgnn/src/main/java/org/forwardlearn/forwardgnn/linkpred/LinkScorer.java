package org.forwardlearn.forwardgnn.linkpred;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * Scores node pairs with a trained forward link-prediction model (fl-ce, fl-ff, fl-symba) on any graph: every layer
 * embeds the nodes over the graph's edges (features normalised as in training, each layer input row-L2-normalised as
 * in {@link ForwardLinkProblem}), and a pair's score is its edge score averaged over layers, as in evaluation.
 */
public final class LinkScorer {
    private LinkScorer() { }

    /** The edge objective of a link method with the configured threshold and sharpness ({@link LinkMethods#scoring}). */
    public static EdgeObjective objective(String method, double theta, double alpha) {
        return LinkMethods.scoring(method, theta, alpha);
    }

    /** Scores in (0, 1) of {@code pairs} ({@code pairs[k] = {u, v}}, node indices). */
    public static double[] scores(List<GraphConv> convs, EdgeObjective objective, GraphData g, int[][] pairs) {
        NodeMatrix x = g.features().rowL2Normalized();
        double[] acc = new double[pairs.length];
        for (int l = 0; l < convs.size(); l++) {
            DMatrixRMaj h = convs.get(l).forward(new ConvInput(x, g.topology(), true));
            double[] s = objective.scores(h, pairs);
            for (int i = 0; i < acc.length; i++) acc[i] += s[i];
            x = NodeMatrix.dense(h).rowL2Normalized();
        }
        for (int i = 0; i < acc.length; i++) acc[i] /= convs.size();
        return acc;
    }
}
