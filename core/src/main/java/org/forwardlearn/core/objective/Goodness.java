package org.forwardlearn.core.objective;

import org.ejml.data.DMatrixRMaj;

/** A per-row score of a layer's output ("goodness"), and its gradient. */
public interface Goodness {
    /**
     * @param h   rows x d outputs, not modified
     * @param out length >= rows; out[i] = goodness of row i
     */
    void evaluate(DMatrixRMaj h, double[] out);

    /**
     * Adds dLoss/dh = dLoss/dG[i] * dG[i]/dh[i,:] into {@code dh}.
     *
     * @param h  the same outputs as passed to {@link #evaluate}
     * @param dG dLoss/dG per row
     * @param dh accumulator of shape rows x d
     */
    void backward(DMatrixRMaj h, double[] dG, DMatrixRMaj dh);
}
