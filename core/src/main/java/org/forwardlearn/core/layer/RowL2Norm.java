package org.forwardlearn.core.layer;

import org.ejml.data.DMatrixRMaj;

/**
 * Parameter-free row L2 normalisation, applied between layers so that the next layer cannot read the
 * previous layer's goodness (its length) and must use the direction. Rows of norm below eps are
 * divided by eps (as torch.nn.functional.normalize does).
 */
public final class RowL2Norm implements Layer {
    public static final double DEFAULT_EPS = 1e-12;
    private final int size;
    private final double eps;

    public RowL2Norm(int size) { this(size, DEFAULT_EPS); }

    public RowL2Norm(int size, double eps) { this.size = size; this.eps = eps; }

    @Override public int inputSize() { return size; }

    @Override public int outputSize() { return size; }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj input, DMatrixRMaj output) {
        if (input.numCols != size) {
            throw new IllegalArgumentException("Expected input with " + size + " columns (got " + input.numCols + ")");
        }
        if (output == null) output = new DMatrixRMaj(input.numRows, size);
        else if (output != input) output.reshape(input.numRows, size);
        apply(input, output, eps);
        return output;
    }

    /** Normalises each row of {@code in} into {@code out} (may be the same matrix). */
    public static void apply(DMatrixRMaj in, DMatrixRMaj out, double eps) { apply(in, out, eps, 1.0); }

    /**
     * Scales each row of {@code in} to length {@code length} into {@code out} (may be the same matrix).
     * With length = sqrt(columns) every row has unit root-mean-square, which keeps pre-activations O(1)
     * whatever the width (used by the forward-forward MLP).
     */
    public static void apply(DMatrixRMaj in, DMatrixRMaj out, double eps, double length) {
        int cols = in.numCols;
        for (int r = 0; r < in.numRows; r++) {
            int off = r * cols;
            double s = 0;
            for (int c = 0; c < cols; c++) s += in.data[off + c] * in.data[off + c];
            double inv = length / Math.max(Math.sqrt(s), eps);
            for (int c = 0; c < cols; c++) out.data[off + c] = in.data[off + c] * inv;
        }
    }

    /** Returns a row-normalised copy. */
    public static DMatrixRMaj normalize(DMatrixRMaj in) {
        DMatrixRMaj out = new DMatrixRMaj(in.numRows, in.numCols);
        apply(in, out, DEFAULT_EPS);
        return out;
    }
}
