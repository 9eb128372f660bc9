package org.forwardlearn.core.layer;

import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * A layer with parameters and its own local gradient. The gradient is that of this layer's parameters
 * only: the input is a constant (no gradient is ever sent to an earlier layer).
 */
public interface TrainableLayer extends Layer {
    /** The parameters, in a fixed order (checkpoints rely on it). */
    List<Parameter> parameters();

    /**
     * Accumulates (adds) dLoss/dParameters into each {@link Parameter#grad()}.
     *
     * @param input   the batch the layer saw, not modified
     * @param output  the layer's output for that input (from {@link #forward}), not modified
     * @param dOutput dLoss/dOutput, same shape as output, not modified
     */
    void localGradient(DMatrixRMaj input, DMatrixRMaj output, DMatrixRMaj dOutput);

    /** A deep copy (parameters copied), used to snapshot the best weights for early stopping. */
    TrainableLayer copy();

    default void zeroGrad() {
        for (Parameter p : parameters()) p.zeroGrad();
    }

    default long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) n += p.size();
        return n;
    }

    /** Copies parameter values from another layer of the same shape. */
    default void copyParametersFrom(TrainableLayer other) {
        List<Parameter> mine = parameters();
        List<Parameter> theirs = other.parameters();
        if (mine.size() != theirs.size()) {
            throw new IllegalArgumentException("Expected " + mine.size() + " parameters (got " + theirs.size() + ")");
        }
        for (int i = 0; i < mine.size(); i++) {
            DMatrixRMaj a = mine.get(i).value();
            DMatrixRMaj b = theirs.get(i).value();
            if (a.numRows != b.numRows || a.numCols != b.numCols) {
                throw new IllegalArgumentException("Expected parameter " + mine.get(i).name() + " of shape "
                        + a.numRows + "x" + a.numCols + " (got " + b.numRows + "x" + b.numCols + ")");
            }
            a.setTo(b);
        }
    }
}
