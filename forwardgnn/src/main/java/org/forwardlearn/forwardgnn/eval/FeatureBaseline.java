package org.forwardlearn.forwardgnn.eval;

import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.RowStore;
import org.forwardlearn.forwardgnn.graph.Split;

/**
 * What the features alone give: nearest class mean (means of the training nodes' raw feature rows, Euclidean distance),
 * the Bayes classifier of a CSBM's features (Gaussian classes with the same isotropic covariance and equal priors).
 * For generated graphs, where it tells how much of an accuracy the graph adds.
 */
public final class FeatureBaseline {
    private FeatureBaseline() { }

    /** Test accuracy of the nearest training-class mean; NaN when the features are not a {@link RowStore}. */
    public static double nearestMeanAccuracy(GraphData g, Split s) {
        if (!(g.features() instanceof RowStore x)) return Double.NaN;
        int c = g.numClasses(), f = x.cols();
        double[] mean = new double[c * f];
        int[] count = new int[c];
        double[] row = new double[f];
        for (int i : s.train()) {
            int y = g.labels()[i];
            x.row(i, row, 0);
            for (int j = 0; j < f; j++) mean[y * f + j] += row[j];
            count[y]++;
        }
        for (int k = 0; k < c; k++) for (int j = 0; j < f; j++) mean[k * f + j] /= Math.max(1, count[k]);
        int correct = 0;
        for (int i : s.test()) {
            x.row(i, row, 0);
            int best = 0;
            double bd = Double.POSITIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                if (count[k] == 0) continue;
                double dist = 0;
                for (int j = 0; j < f; j++) { double t = row[j] - mean[k * f + j]; dist += t * t; }
                if (dist < bd) { bd = dist; best = k; }
            }
            if (best == g.labels()[i]) correct++;
        }
        return (double) correct / s.test().length;
    }
}
