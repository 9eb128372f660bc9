package org.forwardlearn.datasets.io;

import org.ejml.data.DMatrixSparseCSC;
import org.forwardlearn.datasets.DatasetFormatException;

/**
 * A validated CSR matrix as read from a file (scipy layout: {@code indptr}, {@code indices}, {@code data},
 * shape), convertible to an EJML CSC matrix or to an edge list.
 */
public record CsrParts(String source, int rows, int cols, int[] indptr, int[] indices, double[] data) {

    /** Validates lengths, monotone indptr and index ranges; throws {@link DatasetFormatException}. */
    public CsrParts {
        if (rows < 0 || cols < 0) throw DatasetFormatException.of(source, "a non-negative shape", rows + "x" + cols);
        // the CSR row pointer and a CSC column pointer are int arrays of rows+1 and cols+1 entries
        Budget.product(source, "a row pointer for the rows", 4, rows + 1L);
        Budget.product(source, "a column pointer for the columns", 4, cols + 1L);
        if (indptr.length != rows + 1) {
            throw DatasetFormatException.of(source, "indptr of length rows+1=" + (rows + 1), "length " + indptr.length);
        }
        if (indices.length != data.length) {
            throw DatasetFormatException.of(source, "indices and data of equal length",
                    indices.length + " and " + data.length);
        }
        if (indptr[0] != 0 || indptr[rows] != indices.length) {
            throw DatasetFormatException.of(source, "indptr from 0 to nnz=" + indices.length,
                    indptr[0] + " to " + indptr[rows]);
        }
        for (int i = 0; i < rows; i++) {
            if (indptr[i + 1] < indptr[i]) {
                throw DatasetFormatException.of(source, "non-decreasing indptr at row " + i,
                        indptr[i] + " then " + indptr[i + 1]);
            }
        }
        for (int k = 0; k < indices.length; k++) {
            if (indices[k] < 0 || indices[k] >= cols) {
                throw DatasetFormatException.of(source, "column index in [0, " + cols + ") at entry " + k,
                        Integer.toString(indices[k]));
            }
        }
    }

    public int nnz() {
        return indices.length;
    }

    /** Row index of every stored entry (the "source" of an adjacency entry). */
    public int[] rowOfEntry() {
        int[] r = new int[indices.length];
        for (int i = 0; i < rows; i++) {
            for (int k = indptr[i]; k < indptr[i + 1]; k++) r[k] = i;
        }
        return r;
    }

    /** The same matrix as EJML CSC (rows sorted within columns; duplicate entries kept as stored). */
    public DMatrixSparseCSC toCsc(boolean binarize) {
        DMatrixSparseCSC c = new DMatrixSparseCSC(rows, cols, indices.length);
        int[] count = new int[cols + 1];
        for (int j : indices) count[j + 1]++;
        for (int j = 0; j < cols; j++) count[j + 1] += count[j];
        System.arraycopy(count, 0, c.col_idx, 0, cols + 1);
        int[] fill = java.util.Arrays.copyOf(count, cols);
        for (int i = 0; i < rows; i++) {
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                int p = fill[indices[k]]++;
                c.nz_rows[p] = i;
                c.nz_values[p] = binarize ? (data[k] > 0 ? 1.0 : 0.0) : data[k];
            }
        }
        c.nz_length = indices.length;
        c.indicesSorted = true;
        return c;
    }

    /** Reads {@code <prefix>_data, _indices, _indptr, _shape} from an npz archive. */
    static CsrParts fromNpz(NpzFile npz, String prefix) {
        NpyArray shape = npz.get(prefix + "_shape").requireShape(2).requireKind("iu");
        long r = shape.getLong(0);
        long c = shape.getLong(1);
        if (r > Integer.MAX_VALUE - 1 || c > Integer.MAX_VALUE || r < 0 || c < 0) {
            throw DatasetFormatException.of(shape.source(), "a shape below 2^31", r + "x" + c);
        }
        int[] indptr = npz.get(prefix + "_indptr").requireShape(-1).requireKind("iu").toIntArray();
        int[] indices = npz.get(prefix + "_indices").requireShape(-1).requireKind("iu").toIntArray();
        double[] data = npz.get(prefix + "_data").requireShape(-1).requireKind("fiub").toDoubleArray();
        return new CsrParts(npz.path() + "!" + prefix + "_*", (int) r, (int) c, indptr, indices, data);
    }
}
