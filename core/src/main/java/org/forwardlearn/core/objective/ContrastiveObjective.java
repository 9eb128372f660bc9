package org.forwardlearn.core.objective;

import org.ejml.data.DMatrixRMaj;

/**
 * A local objective on positive and negative outputs of one layer (forward-forward family).
 * Loss is averaged over samples; gradients are written (overwritten) into the given buffers.
 */
public interface ContrastiveObjective {
    /**
     * @param pos    positive outputs (rows x d), not modified
     * @param neg    negative outputs (rows' x d), not modified; objectives on pairs require rows' == rows
     * @param dPos   null, or overwritten with dLoss/dpos (reshaped)
     * @param dNeg   null, or overwritten with dLoss/dneg (reshaped)
     * @return the loss
     */
    double evaluate(DMatrixRMaj pos, DMatrixRMaj neg, DMatrixRMaj dPos, DMatrixRMaj dNeg);

    /** The goodness this objective scores (used at inference to rank candidate labels). */
    Goodness goodness();
}
