package org.forwardlearn.benchmarks.proto;

import org.ejml.data.DMatrixSparseCSC;
import org.forwardlearn.forwardgnn.graph.Csr;

/**
 * The raw arrays of a forwardgnn {@link Csr} (which keeps them package-private), so that prototype
 * kernels can run on exactly the same matrix. Also converts to EJML's CSC for the EJML baselines.
 *
 * @param rows   number of rows
 * @param cols   number of columns
 * @param rowPtr rows+1 offsets
 * @param colIdx column of each stored entry
 * @param vals   value of each stored entry
 */
public record CsrArrays(int rows, int cols, int[] rowPtr, int[] colIdx, double[] vals) {

    public static CsrArrays of(Csr m) {
        int[] ptr = new int[m.rows() + 1];
        int nnz = m.nonZeros();
        int[] ci = new int[nnz];
        double[] v = new double[nnz];
        for (int i = 0; i < m.rows(); i++) {
            ptr[i + 1] = m.rowEnd(i);
            for (int k = m.rowStart(i); k < m.rowEnd(i); k++) { ci[k] = m.col(k); v[k] = m.value(k); }
        }
        return new CsrArrays(m.rows(), m.cols(), ptr, ci, v);
    }

    public int nonZeros() { return rowPtr[rows]; }

    /** The same matrix as EJML CSC (rows sorted within each column). */
    public DMatrixSparseCSC toCsc() {
        DMatrixSparseCSC c = new DMatrixSparseCSC(rows, cols, nonZeros());
        int[] count = new int[cols + 1];
        for (int k = 0; k < nonZeros(); k++) count[colIdx[k] + 1]++;
        for (int j = 0; j < cols; j++) count[j + 1] += count[j];
        System.arraycopy(count, 0, c.col_idx, 0, cols + 1);
        int[] fill = count.clone();
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                int p = fill[colIdx[k]]++;
                c.nz_rows[p] = i;
                c.nz_values[p] = vals[k];
            }
        }
        c.nz_length = nonZeros();
        c.indicesSorted = true;
        return c;
    }

    /** Float copy of the values (for the float kernels). */
    public float[] floatVals() {
        float[] f = new float[vals.length];
        for (int k = 0; k < f.length; k++) f[k] = (float) vals[k];
        return f;
    }
}
