package org.forwardlearn.forwardgnn;

import java.util.List;

/**
 * A trained model's predictions on a graph, keyed by the user's ids.
 *
 * @param ids       node ids, in the graph's order
 * @param predicted class per node
 * @param scores    numNodes x numClasses, row-major: per-class scores (SF: the layers' softmaxes averaged, rows sum to 1)
 * @param numClasses classes
 */
public record NodePredictions(List<String> ids, int[] predicted, double[] scores, int numClasses) {
    public double score(int node, int cls) { return scores[node * numClasses + cls]; }

    /** Accuracy of the predictions on {@code nodes} against {@code labels} (NaN for no node). */
    public double accuracy(int[] nodes, int[] labels) {
        if (nodes.length == 0) return Double.NaN;
        int ok = 0;
        for (int i : nodes) if (predicted[i] == labels[i]) ok++;
        return (double) ok / nodes.length;
    }
}
