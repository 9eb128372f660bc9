package org.forwardlearn.core.ff;

import org.ejml.data.DMatrixRMaj;

/**
 * Hinton's label embedding: the first C features of a sample are overwritten with a one-hot label of
 * height {@code value} (the data's maximum absolute value, so the label is as loud as the brightest pixel).
 */
public final class LabelEmbedding {
    private final int numClasses;
    private final double value;

    public LabelEmbedding(int numClasses, double value) {
        if (numClasses < 2) throw new IllegalArgumentException("Expected at least 2 classes (got " + numClasses + ")");
        this.numClasses = numClasses;
        this.value = value;
    }

    /** Embedding height from data: max |x| (1 when the data is all zero). */
    public static LabelEmbedding forData(DMatrixRMaj x, int numClasses) {
        double m = 0;
        for (int i = 0, n = x.getNumElements(); i < n; i++) m = Math.max(m, Math.abs(x.data[i]));
        return new LabelEmbedding(numClasses, m == 0 ? 1.0 : m);
    }

    public int numClasses() { return numClasses; }

    public double value() { return value; }

    /**
     * Copies rows {@code rows} of x into out (reshaped to rows.length x cols) with label labels[i] embedded.
     */
    public DMatrixRMaj embed(DMatrixRMaj x, int[] rows, int[] labels, DMatrixRMaj out) {
        if (x.numCols < numClasses) {
            throw new IllegalArgumentException("Expected at least " + numClasses + " features to hold the label (got " + x.numCols + ")");
        }
        int cols = x.numCols;
        if (out == null) out = new DMatrixRMaj(rows.length, cols);
        else out.reshape(rows.length, cols);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x.data, rows[i] * cols, out.data, i * cols, cols);
            int y = labels[i];
            if (y < 0 || y >= numClasses) throw new IllegalArgumentException("Expected label in [0," + numClasses + ") (got " + y + ")");
            for (int c = 0; c < numClasses; c++) out.data[i * cols + c] = c == y ? value : 0.0;
        }
        return out;
    }
}
