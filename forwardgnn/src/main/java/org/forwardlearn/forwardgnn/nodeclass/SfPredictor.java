package org.forwardlearn.forwardgnn.nodeclass;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * Inductive prediction with a trained SF model on any graph (new nodes and edges allowed): the graph gets the
 * model's virtual nodes (its frozen features), wired to the graph's labelled training nodes as in training; every
 * layer aggregates over this graph with the trained weights, its virtual rows are set to the layer's stored class
 * prototypes, and each node's class scores are the softmax of its similarities to them, summed over layers.
 * (Labels of the graph must be in [0, C) or -1.) On the
 * training graph every step is the training run's own computation, so the predictions are the training run's.
 */
public final class SfPredictor {
    public static final String VIRTUAL_FEATURES = "virtual_features";

    private SfPredictor() { }

    public static String prototypesKey(int layer) { return "prototypes_" + layer; }

    /**
     * @param g        the graph, features normalised as in training
     * @param wired    nodes wired to their class's virtual node (the graph's labelled training nodes; may be empty)
     * @return class scores, numNodes x C row-major: the per-layer softmaxes summed over layers (as training sums them)
     */
    public static double[] scores(List<GraphConv> convs, Map<String, DMatrixRMaj> extras, GraphData g, int[] wired,
                                  boolean bidirectional, double tau) {
        DMatrixRMaj vf = extras.get(VIRTUAL_FEATURES);
        if (vf == null) throw new IllegalArgumentException("Expected the model's '" + VIRTUAL_FEATURES + "' (got a model without)");
        int n = g.numNodes(), c = vf.numRows;
        if (g.features().cols() != vf.numCols) {
            throw new IllegalArgumentException("Expected " + vf.numCols + " feature columns, as in training (got " + g.features().cols() + ")");
        }
        int[] cls = new int[wired.length];
        for (int t = 0; t < wired.length; t++) {
            cls[t] = g.labels()[wired[t]];
            if (cls[t] < 0 || cls[t] >= c) {
                throw new IllegalArgumentException("Expected labels in [0, " + c + ") on the wired training nodes (got " + cls[t] + ")");
            }
        }
        GraphData withClasses = new GraphData(g.id(), g.topology(), g.features(), g.labels(), c);
        VirtualNodes aug = VirtualNodes.augment(withClasses, wired, cls, bidirectional, vf);
        NodeMatrix x = aug.features().rowL2Normalized();
        double[] acc = new double[n * c];
        for (int l = 0; l < convs.size(); l++) {
            DMatrixRMaj protos = extras.get(prototypesKey(l));
            if (protos == null) throw new IllegalArgumentException("Expected the model's '" + prototypesKey(l) + "' (got none)");
            DMatrixRMaj h = convs.get(l).forward(new ConvInput(x, aug.topology(), true));
            int d = h.numCols;
            System.arraycopy(protos.data, 0, h.data, n * d, c * d);
            double[] logits = new double[n * c];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < c; k++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += h.data[i * d + j] * protos.data[k * d + j];
                    logits[i * c + k] = s / tau;
                }
            }
            double[] p = NodeProblem.softmaxRows(logits, n, c);
            for (int i = 0; i < acc.length; i++) acc[i] += p[i];
            if (l + 1 < convs.size()) x = NodeMatrix.dense(h).rowL2Normalized();
        }
        return acc;
    }
}
