package org.forwardlearn.core.data;

import org.ejml.data.DMatrixRMaj;

/**
 * Labelled samples: rows of {@code x} are samples, {@code y[i]} the class of row i in {@code [0, classes)}.
 * Validated on construction ("Expected ... (got ...)" naming the row); the arrays are not copied (callers keep
 * them unchanged while a trainer reads them).
 *
 * @param x       samples x features
 * @param y       one label per row
 * @param classes number of classes (&gt;= 2)
 */
public record Samples(DMatrixRMaj x, int[] y, int classes) {
    public Samples {
        if (x == null || y == null) throw new IllegalArgumentException("Expected a feature matrix and labels (got null)");
        if (classes < 2) throw new IllegalArgumentException("Expected at least 2 classes (got " + classes + ")");
        if (y.length != x.numRows) {
            throw new IllegalArgumentException("Expected one label per row (got " + y.length + " labels for " + x.numRows + " rows)");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("Expected labels in [0, " + classes + ") (got " + y[i] + " at row " + i + ")");
            }
        }
    }

    /** From rows of equal length (copied into a matrix). */
    public static Samples of(double[][] rows, int[] y, int classes) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("Expected " + cols + " features in every row (got " + rows[i].length + " at row " + i + ")");
            }
        }
        return new Samples(rows.length == 0 ? new DMatrixRMaj(0, 0) : new DMatrixRMaj(rows), y, classes);
    }

    public int size() { return x.numRows; }

    public int features() { return x.numCols; }

    /**
     * A 64-bit hash (hex) of every value and label, in order: what a checkpoint's fingerprint records so that a run is
     * not resumed on other data of the same sizes (another split or preprocessing).
     */
    public String hash() {
        long h = 0xcbf29ce484222325L;
        for (int i = 0, n = x.getNumElements(); i < n; i++) {
            h ^= Double.doubleToLongBits(x.data[i]);
            h *= 0x100000001b3L;
            h ^= h >>> 29;
        }
        for (int v : y) { h ^= v; h *= 0x100000001b3L; }
        return Long.toHexString(h);
    }

    /** The rows as arrays (copies). */
    public double[][] rows() {
        double[][] r = new double[x.numRows][x.numCols];
        for (int i = 0; i < x.numRows; i++) System.arraycopy(x.data, i * x.numCols, r[i], 0, x.numCols);
        return r;
    }
}
