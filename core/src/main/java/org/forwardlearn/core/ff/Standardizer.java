package org.forwardlearn.core.ff;

import org.ejml.data.DMatrixRMaj;

/**
 * x -> (x - shift) / scale with one global shift and scale (as torchvision's Normalize on grey images);
 * fitted on training data only and kept in the model so inference sees the same transform.
 */
public record Standardizer(double shift, double scale) {
    public static final Standardizer IDENTITY = new Standardizer(0.0, 1.0);

    public Standardizer {
        if (!(scale > 0) || !Double.isFinite(shift)) {
            throw new IllegalArgumentException("Expected a finite shift and a positive scale (got " + shift + ", " + scale + ")");
        }
    }

    /** Global mean and standard deviation of every entry of x (scale 1 if x is constant). */
    public static Standardizer fit(DMatrixRMaj x) {
        int n = x.getNumElements();
        double mean = 0;
        for (int i = 0; i < n; i++) mean += x.data[i];
        mean /= Math.max(n, 1);
        double var = 0;
        for (int i = 0; i < n; i++) var += (x.data[i] - mean) * (x.data[i] - mean);
        double sd = Math.sqrt(var / Math.max(n, 1));
        return new Standardizer(mean, sd > 0 ? sd : 1.0);
    }

    /** A transformed copy (x itself when this is the identity). */
    public DMatrixRMaj apply(DMatrixRMaj x) {
        if (shift == 0 && scale == 1) return x;
        DMatrixRMaj out = new DMatrixRMaj(x.numRows, x.numCols);
        double inv = 1.0 / scale;
        for (int i = 0, n = x.getNumElements(); i < n; i++) out.data[i] = (x.data[i] - shift) * inv;
        return out;
    }
}
