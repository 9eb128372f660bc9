package org.forwardlearn.core.objective;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * Goodness = cos(|h|, xi) = sum_j |h_j| xi_j / ||h||, with xi a fixed random unit vector with
 * non-negative entries (one per layer), as the PFF paper uses for physical layers. Rows with
 * ||h|| below eps have goodness 0 and zero gradient.
 */
public final class CosineGoodness implements Goodness {
    private static final double EPS = 1e-12;
    private final double[] xi;

    public CosineGoodness(double[] unitVector) {
        double n = 0;
        for (double v : unitVector) n += v * v;
        if (Math.abs(Math.sqrt(n) - 1.0) > 1e-9) {
            throw new IllegalArgumentException("Expected a unit vector (got norm " + Math.sqrt(n) + ")");
        }
        this.xi = unitVector.clone();
    }

    /** A random unit vector of dimension d with entries |N(0,1)| normalised, from a seeded RNG. */
    public static CosineGoodness random(int d, Random rng) {
        double[] v = new double[d];
        double n = 0;
        for (int i = 0; i < d; i++) { v[i] = Math.abs(rng.nextGaussian()); n += v[i] * v[i]; }
        n = Math.sqrt(n);
        for (int i = 0; i < d; i++) v[i] /= n;
        return new CosineGoodness(v);
    }

    public double[] direction() { return xi.clone(); }

    private void check(DMatrixRMaj h) {
        if (h.numCols != xi.length) {
            throw new IllegalArgumentException("Expected outputs with " + xi.length + " columns (got " + h.numCols + ")");
        }
    }

    @Override
    public void evaluate(DMatrixRMaj h, double[] out) {
        check(h);
        int cols = h.numCols;
        for (int r = 0; r < h.numRows; r++) {
            double dot = 0, nn = 0;
            for (int c = 0, k = r * cols; c < cols; c++, k++) {
                double v = h.data[k];
                dot += Math.abs(v) * xi[c];
                nn += v * v;
            }
            double norm = Math.sqrt(nn);
            out[r] = norm < EPS ? 0.0 : dot / norm;
        }
    }

    @Override
    public void backward(DMatrixRMaj h, double[] dG, DMatrixRMaj dh) {
        check(h);
        int cols = h.numCols;
        for (int r = 0; r < h.numRows; r++) {
            if (dG[r] == 0) continue;
            double dot = 0, nn = 0;
            for (int c = 0, k = r * cols; c < cols; c++, k++) {
                double v = h.data[k];
                dot += Math.abs(v) * xi[c];
                nn += v * v;
            }
            double norm = Math.sqrt(nn);
            if (norm < EPS) continue;
            double g = dot / norm;
            // d/dh_j [ sum|h|xi / ||h|| ] = sign(h_j) xi_j / ||h|| - g h_j / ||h||^2
            for (int c = 0, k = r * cols; c < cols; c++, k++) {
                double v = h.data[k];
                dh.data[k] += dG[r] * (Math.signum(v) * xi[c] / norm - g * v / (nn));
            }
        }
    }

    @Override public String toString() { return "cosine"; }
}
