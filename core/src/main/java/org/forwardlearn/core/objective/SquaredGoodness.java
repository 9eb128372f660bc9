package org.forwardlearn.core.objective;

import org.ejml.data.DMatrixRMaj;

/** Goodness = sum (or mean) over columns of h^2 (Hinton 2022). */
public final class SquaredGoodness implements Goodness {
    private final boolean mean;

    private SquaredGoodness(boolean mean) { this.mean = mean; }

    public static SquaredGoodness sum() { return new SquaredGoodness(false); }

    public static SquaredGoodness mean() { return new SquaredGoodness(true); }

    public boolean isMean() { return mean; }

    @Override
    public void evaluate(DMatrixRMaj h, double[] out) {
        int cols = h.numCols;
        double scale = mean ? 1.0 / cols : 1.0;
        for (int r = 0; r < h.numRows; r++) {
            double s = 0;
            for (int c = 0, k = r * cols; c < cols; c++, k++) s += h.data[k] * h.data[k];
            out[r] = s * scale;
        }
    }

    @Override
    public void backward(DMatrixRMaj h, double[] dG, DMatrixRMaj dh) {
        int cols = h.numCols;
        double scale = mean ? 2.0 / cols : 2.0;
        for (int r = 0; r < h.numRows; r++) {
            double g = dG[r] * scale;
            if (g == 0) continue;
            for (int c = 0, k = r * cols; c < cols; c++, k++) dh.data[k] += g * h.data[k];
        }
    }

    @Override public String toString() { return mean ? "mean-squares" : "sum-squares"; }
}
