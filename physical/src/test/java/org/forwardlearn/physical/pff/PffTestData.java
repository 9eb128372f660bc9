package org.forwardlearn.physical.pff;

import java.util.SplittableRandom;

/** A tiny synthetic 3-class problem for fast PFF tests. */
final class PffTestData {
    final double[][] x;
    final int[] y;

    PffTestData(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        x = new double[n][d];
        y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < d; j++) x[i][j] = r.nextGaussian() * 0.5 + (j % 3 == y[i] ? 1.5 : 0);
        }
    }
}
