package org.forwardlearn.core.layer;

import org.ejml.data.DMatrixRMaj;

/**
 * A named trainable tensor of one layer and its gradient buffer (same shape). The gradient is
 * accumulated by the layer's own local gradient and consumed/zeroed by an optimizer step.
 */
public final class Parameter {
    private final String name;
    private final DMatrixRMaj value;
    private final DMatrixRMaj grad;

    public Parameter(String name, DMatrixRMaj value) {
        this.name = name;
        this.value = value;
        this.grad = new DMatrixRMaj(value.numRows, value.numCols);
    }

    public String name() { return name; }

    /** The live value; optimizers update it in place. */
    public DMatrixRMaj value() { return value; }

    /** The live gradient accumulator; same shape as {@link #value()}. */
    public DMatrixRMaj grad() { return grad; }

    public void zeroGrad() { grad.zero(); }

    public int size() { return value.getNumElements(); }
}
