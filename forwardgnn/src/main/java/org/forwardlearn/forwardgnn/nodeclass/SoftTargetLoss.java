package org.forwardlearn.forwardgnn.nodeclass;

import org.ejml.data.DMatrixRMaj;

/**
 * Soft-target cross-entropy over class prototypes: for rows {@code from .. from+count-1} of h, with target
 * distributions T (count x C, fixed), loss = weight / count * sum_i sum_k -T_ik log softmax_k(&lt;h_i, p_k&gt; / tau).
 * The hard-label case is core's {@code PrototypeSoftmaxLoss}; this is the extra term of {@link Propagated}'s layer
 * objective on the nodes without a training label. Gradients are ACCUMULATED into dH (rows from..) and dP.
 */
final class SoftTargetLoss {
    private SoftTargetLoss() { }

    static double evaluate(DMatrixRMaj h, int from, int count, double[] targets, DMatrixRMaj prototypes, double tau,
                           double weight, DMatrixRMaj dH, DMatrixRMaj dP) {
        int d = h.numCols, c = prototypes.numRows;
        if (targets.length != count * c) {
            throw new IllegalArgumentException("Expected " + count + " x " + c + " targets (got " + targets.length + " values)");
        }
        double[] logits = new double[c];
        double loss = 0, inv = weight / Math.max(1, count);
        for (int t = 0; t < count; t++) {
            int off = (from + t) * d;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                double s = 0;
                int po = k * d;
                for (int j = 0; j < d; j++) s += h.data[off + j] * prototypes.data[po + j];
                logits[k] = s / tau;
                max = Math.max(max, logits[k]);
            }
            double z = 0;
            for (int k = 0; k < c; k++) z += Math.exp(logits[k] - max);
            double logZ = max + Math.log(z);
            for (int k = 0; k < c; k++) {
                double tk = targets[t * c + k];
                loss += tk * (logZ - logits[k]) * inv;
                double g = (Math.exp(logits[k] - logZ) - tk) * inv / tau; // sum_k T_k = 1
                if (g == 0) continue;
                int po = k * d;
                if (dH != null) for (int j = 0; j < d; j++) dH.data[off + j] += g * prototypes.data[po + j];
                if (dP != null) for (int j = 0; j < d; j++) dP.data[po + j] += g * h.data[off + j];
            }
        }
        return loss;
    }
}
