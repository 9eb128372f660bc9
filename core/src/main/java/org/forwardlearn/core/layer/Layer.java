package org.forwardlearn.core.layer;

import org.ejml.data.DMatrixRMaj;

/**
 * A map from a batch of inputs to a batch of outputs. Rows are samples (or nodes), columns are features.
 * EJML convention: {@code output} may be null (a new matrix is returned) or a matrix that is reshaped and
 * overwritten; {@code input} is never modified.
 */
public interface Layer {
    int inputSize();

    int outputSize();

    /**
     * @param input  rows x {@link #inputSize()}, not modified
     * @param output null, or a matrix reshaped to rows x {@link #outputSize()} and overwritten
     * @return the output matrix (the one passed in, when not null)
     */
    DMatrixRMaj forward(DMatrixRMaj input, DMatrixRMaj output);
}
