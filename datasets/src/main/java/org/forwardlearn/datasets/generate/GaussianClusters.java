package org.forwardlearn.datasets.generate;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.datasets.SampleSet;

import java.util.SplittableRandom;

/**
 * Labelled Gaussian clusters for tabular tests: class c has mean separation * u_c (u_c a random unit vector)
 * and identity covariance. Seeded; train and test rows are interleaved by class (row i has class i % C).
 */
public final class GaussianClusters {
    private GaussianClusters() {
    }

    public static SampleSet generate(String name, int classes, int features, int trainPerClass, int testPerClass,
                                     double separation, long seed) {
        if (classes < 1 || features < 1 || trainPerClass < 0 || testPerClass < 0) {
            throw new IllegalArgumentException("Expected classes, features >= 1 and counts >= 0 (got " + classes + ", "
                    + features + ", " + trainPerClass + ", " + testPerClass + ")");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] mu = new double[classes][features];
        for (double[] m : mu) {
            double norm = 0;
            for (int k = 0; k < features; k++) {
                m[k] = Csbm.gaussian(rng);
                norm += m[k] * m[k];
            }
            for (int k = 0; k < features; k++) m[k] *= separation / Math.sqrt(norm);
        }
        int[] trY = new int[classes * trainPerClass];
        int[] teY = new int[classes * testPerClass];
        return SampleSet.own(name, sample(rng, mu, trY), trY, sample(rng, mu, teY), teY, classes);
    }

    private static DMatrixRMaj sample(SplittableRandom rng, double[][] mu, int[] y) {
        int f = mu[0].length;
        DMatrixRMaj x = new DMatrixRMaj(y.length, f);
        for (int i = 0; i < y.length; i++) {
            y[i] = i % mu.length;
            for (int k = 0; k < f; k++) x.data[i * f + k] = mu[y[i]][k] + Csbm.gaussian(rng);
        }
        return x;
    }
}
