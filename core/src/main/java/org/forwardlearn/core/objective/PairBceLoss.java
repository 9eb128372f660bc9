package org.forwardlearn.core.objective;

import org.ejml.data.DMatrixRMaj;

/**
 * Binary cross-entropy on dot-product scores of row pairs: s = &lt;h_u, h_v&gt;, loss = mean over pairs
 * of BCE-with-logits(s, y). Used by forward link prediction (FL-CE).
 */
public final class PairBceLoss {
    /**
     * @param h      N x d outputs, not modified
     * @param src    first row of each pair
     * @param dst    second row of each pair
     * @param target 1 for a positive pair, 0 for a negative
     * @param dH     null, or reshaped to N x d and overwritten
     * @return mean BCE
     */
    public double evaluate(DMatrixRMaj h, int[] src, int[] dst, double[] target, DMatrixRMaj dH) {
        if (src.length != dst.length || src.length != target.length) {
            throw new IllegalArgumentException("Expected src, dst and target of equal length (got " + src.length + ", "
                    + dst.length + ", " + target.length + ")");
        }
        int d = h.numCols;
        if (dH != null) { dH.reshape(h.numRows, d); dH.zero(); }
        double loss = 0, inv = 1.0 / src.length;
        for (int e = 0; e < src.length; e++) {
            int u = src[e] * d, v = dst[e] * d;
            double s = 0;
            for (int j = 0; j < d; j++) s += h.data[u + j] * h.data[v + j];
            double y = target[e];
            // BCE with logits: softplus(s) - y s
            loss += (Softplus.value(s) - y * s) * inv;
            if (dH != null) {
                double g = (Softplus.sigmoid(s) - y) * inv;
                for (int j = 0; j < d; j++) {
                    double hu = h.data[u + j], hv = h.data[v + j];
                    dH.data[u + j] += g * hv;
                    dH.data[v + j] += g * hu;
                }
            }
        }
        return loss;
    }

    /** Scores sigma(&lt;h_u, h_v&gt;) per pair. */
    public static double[] scores(DMatrixRMaj h, int[] src, int[] dst) {
        int d = h.numCols;
        double[] out = new double[src.length];
        for (int e = 0; e < src.length; e++) {
            double s = 0;
            for (int j = 0; j < d; j++) s += h.data[src[e] * d + j] * h.data[dst[e] * d + j];
            out[e] = Softplus.sigmoid(s);
        }
        return out;
    }
}
