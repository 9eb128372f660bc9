package org.forwardlearn.core.ff;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** Labelled Gaussian clusters for tests: the first {@code classes} features are left at 0 (the label slot). */
final class Clusters {
    final DMatrixRMaj x;
    final int[] y;

    Clusters(int n, int classes, int features, double spread, long seed) {
        Random rng = new Random(seed);
        double[][] centers = new double[classes][features];
        Random c = new Random(1234);
        for (double[] row : centers) for (int j = classes; j < features; j++) row[j] = c.nextGaussian();
        x = new DMatrixRMaj(n, features);
        y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
            for (int j = classes; j < features; j++) x.set(i, j, centers[y[i]][j] + spread * rng.nextGaussian());
        }
    }
}
