package org.forwardlearn.forwardgnn.graph;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * An immutable compressed-sparse-row matrix with the few kernels graph layers need: sparse x dense,
 * sparse x sparse, transposition and row selection. For aggregation matrices, row i lists the
 * sources j whose messages node i receives, with their weights.
 */
public final class Csr {
    final int rows, cols;
    final int[] rowPtr, colIdx;
    final double[] vals;

    /** Wraps arrays (not copied): rowPtr has rows+1 entries, column indices sorted or not. */
    public Csr(int rows, int cols, int[] rowPtr, int[] colIdx, double[] vals) {
        if (rowPtr.length != rows + 1) {
            throw new IllegalArgumentException("Expected rowPtr of length " + (rows + 1) + " (got " + rowPtr.length + ")");
        }
        if (colIdx.length != rowPtr[rows] || vals.length != rowPtr[rows]) {
            throw new IllegalArgumentException("Expected " + rowPtr[rows] + " column indices and values (got "
                    + colIdx.length + ", " + vals.length + ")");
        }
        this.rows = rows; this.cols = cols; this.rowPtr = rowPtr; this.colIdx = colIdx; this.vals = vals;
    }

    /** Builds from (row, col, value) triplets; duplicates are summed. */
    public static Csr fromTriplets(int rows, int cols, int[] r, int[] c, double[] v) {
        int[] ptr = new int[rows + 1];
        for (int x : r) ptr[x + 1]++;
        for (int i = 0; i < rows; i++) ptr[i + 1] += ptr[i];
        int[] fill = Arrays.copyOf(ptr, rows);
        int[] ci = new int[r.length];
        double[] cv = new double[r.length];
        for (int k = 0; k < r.length; k++) {
            if (c[k] < 0 || c[k] >= cols) throw new IllegalArgumentException("Expected column in [0," + cols + ") (got " + c[k] + ")");
            int p = fill[r[k]]++;
            ci[p] = c[k];
            cv[p] = v[k];
        }
        return new Csr(rows, cols, ptr, ci, cv).sortedDeduplicated();
    }

    /** Wraps a dense matrix, keeping only non-zeros. */
    public static Csr fromDense(DMatrixRMaj m) {
        int nnz = 0;
        for (int i = 0; i < m.getNumElements(); i++) if (m.data[i] != 0) nnz++;
        int[] ptr = new int[m.numRows + 1];
        int[] ci = new int[nnz];
        double[] cv = new double[nnz];
        int p = 0;
        for (int i = 0; i < m.numRows; i++) {
            for (int j = 0; j < m.numCols; j++) {
                double x = m.data[i * m.numCols + j];
                if (x != 0) { ci[p] = j; cv[p++] = x; }
            }
            ptr[i + 1] = p;
        }
        return new Csr(m.numRows, m.numCols, ptr, ci, cv);
    }

    private Csr sortedDeduplicated() {
        int[] ptr = new int[rows + 1];
        int[] ci = new int[colIdx.length];
        double[] cv = new double[vals.length];
        int p = 0;
        for (int i = 0; i < rows; i++) {
            int s = rowPtr[i], e = rowPtr[i + 1];
            long[] keys = new long[e - s];
            for (int k = s; k < e; k++) keys[k - s] = ((long) colIdx[k] << 32) | (k - s);
            Arrays.sort(keys);
            int last = -1;
            for (long key : keys) {
                int col = (int) (key >>> 32), k = s + (int) (key & 0xffffffffL);
                if (col == last) { cv[p - 1] += vals[k]; continue; }
                ci[p] = col; cv[p++] = vals[k]; last = col;
            }
            ptr[i + 1] = p;
        }
        return new Csr(rows, cols, ptr, Arrays.copyOf(ci, p), Arrays.copyOf(cv, p));
    }

    public int rows() { return rows; }
    public int cols() { return cols; }
    public int nonZeros() { return rowPtr[rows]; }
    public int rowStart(int i) { return rowPtr[i]; }
    public int rowEnd(int i) { return rowPtr[i + 1]; }
    public int col(int k) { return colIdx[k]; }
    public double value(int k) { return vals[k]; }

    /** The transpose, as a new CSR (the CSC of this matrix). */
    public Csr transpose() {
        int[] ptr = new int[cols + 1];
        for (int k = 0; k < nonZeros(); k++) ptr[colIdx[k] + 1]++;
        for (int j = 0; j < cols; j++) ptr[j + 1] += ptr[j];
        int[] fill = Arrays.copyOf(ptr, cols);
        int[] ci = new int[nonZeros()];
        double[] cv = new double[nonZeros()];
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                int p = fill[colIdx[k]]++;
                ci[p] = i;
                cv[p] = vals[k];
            }
        }
        return new Csr(cols, rows, ptr, ci, cv);
    }

    /** A copy whose rows are scaled to unit L2 norm (rows of norm below eps divided by eps). */
    public Csr rowL2Normalized(double eps) {
        double[] cv = vals.clone();
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) s += cv[k] * cv[k];
            double inv = 1.0 / (Math.sqrt(s) + eps);
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) cv[k] *= inv;
        }
        return new Csr(rows, cols, rowPtr, colIdx, cv);
    }

    /** A copy whose rows sum to one (rows summing to zero are left as they are). */
    public Csr rowSumNormalized() {
        return normalizedRows(org.forwardlearn.datasets.table.FeatureNorm.ROW_SUM.fit(null, null), null);
    }

    /**
     * Each row's stored entries normalised by a row-wise datasets {@code FeatureNorm} rule (the one implementation of
     * each rule); {@code rowNames} (may be null: row numbers) name rows in errors.
     */
    public Csr normalizedRows(org.forwardlearn.datasets.table.FeatureNorm.Fitted rule, java.util.List<String> rowNames) {
        if (!rule.rule().rowWise()) throw new IllegalArgumentException("Expected a row-wise rule (got " + rule.rule().id() + ")");
        double[] cv = vals.clone();
        for (int i = 0; i < rows; i++) {
            rule.applyRow(cv, rowPtr[i], rowPtr[i + 1], rowNames == null ? Integer.toString(i) : rowNames.get(i));
        }
        return new Csr(rows, cols, rowPtr, colIdx, cv);
    }

    public DMatrixRMaj toDense() {
        DMatrixRMaj d = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) d.data[i * cols + colIdx[k]] += vals[k];
        }
        return d;
    }

    /**
     * out = this * b (rows x b.numCols), single-threaded (the inner loop over b's columns is
     * vectorised by the JIT). {@code out} may be null or is reshaped and overwritten; it must not be {@code b}.
     */
    public DMatrixRMaj mult(DMatrixRMaj b, DMatrixRMaj out) {
        if (b.numRows != cols) {
            throw new IllegalArgumentException("Expected a right operand with " + cols + " rows (got " + b.numRows + ")");
        }
        if (out == b) throw new IllegalArgumentException("Expected an output distinct from the operand");
        int d = b.numCols;
        if (out == null) out = new DMatrixRMaj(rows, d);
        else out.reshape(rows, d);
        DMatrixRMaj o = out;
        // row blocks: every row computed as by the single-threaded loop (bit-identical for any thread count)
        org.forwardlearn.core.kernel.Parallel.forBlocks(rows, PARALLEL_GRAIN, (blk, from, to) -> multRows(b, o, from, to));
        return out;
    }

    /** Rows per parallel block of {@link #mult} (graphs below two blocks stay on one thread). */
    static final int PARALLEL_GRAIN = 4096;

    /** True when the Vector-API kernel is usable (the JVM was started with --add-modules jdk.incubator.vector). */
    static final boolean VECTOR = vectorAvailable();

    private static boolean vectorAvailable() {
        if (Boolean.getBoolean("forwardlearn.scalarCsr")) return false;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            VectorCsr.rows(new int[] {0, 1}, new int[] {0}, new double[] {1}, new double[] {1}, 1, new double[1], 0, 1, false);
            return true;
        } catch (Throwable t) {
            return false;
        }
    }

    /** acc += this * b (acc is rows x b.numCols). */
    public DMatrixRMaj multAdd(DMatrixRMaj b, DMatrixRMaj acc) {
        if (b.numRows != cols || acc.numRows != rows || acc.numCols != b.numCols) {
            throw new IllegalArgumentException("Expected b with " + cols + " rows and acc " + rows + "x" + b.numCols + " (got b "
                    + b.numRows + "x" + b.numCols + ", acc " + acc.numRows + "x" + acc.numCols + ")");
        }
        if (acc == b) throw new IllegalArgumentException("Expected an output distinct from the operand");
        org.forwardlearn.core.kernel.Parallel.forBlocks(rows, PARALLEL_GRAIN, (blk, from, to) -> {
            if (VECTOR) VectorCsr.rows(rowPtr, colIdx, vals, b.data, b.numCols, acc.data, from, to, true);
            else scalarRows(b, acc, from, to, true);
        });
        return acc;
    }

    /**
     * Rows [from, to) of out = this * b, the others untouched: the unit a caller splits across threads.
     * {@code out} must already be rows x b.numCols and distinct from {@code b}.
     */
    public void multRows(DMatrixRMaj b, DMatrixRMaj out, int from, int to) {
        if (b.numRows != cols || out.numRows != rows || out.numCols != b.numCols || out == b) {
            throw new IllegalArgumentException("Expected b with " + cols + " rows and a distinct out of " + rows + "x" + b.numCols
                    + " (got b " + b.numRows + "x" + b.numCols + ", out " + out.numRows + "x" + out.numCols + ")");
        }
        if (from < 0 || from > to || to > rows) {
            throw new IllegalArgumentException("Expected 0 <= from <= to <= " + rows + " (got " + from + ", " + to + ")");
        }
        if (VECTOR) VectorCsr.rows(rowPtr, colIdx, vals, b.data, b.numCols, out.data, from, to, false);
        else scalarRows(b, out, from, to, false);
    }

    /** One row of a sparse x dense product (the kernel of every CSR product): od[oo..oo+d) = sum_k v[k] * row ci[k] of bd. */
    static void row(int[] ci, double[] v, int s, int e, double[] bd, int d, double[] od, int oo) {
        if (VECTOR) { VectorCsr.row(ci, v, s, e, bd, d, od, oo, false); return; }
        Arrays.fill(od, oo, oo + d, 0.0);
        for (int k = s; k < e; k++) {
            double x = v[k];
            int bo = ci[k] * d;
            for (int j = 0; j < d; j++) od[oo + j] += x * bd[bo + j];
        }
    }

    private void scalarRows(DMatrixRMaj b, DMatrixRMaj out, int from, int to, boolean accumulate) {
        int d = b.numCols;
        double[] bd = b.data, od = out.data;
        for (int i = from; i < to; i++) {
            int oo = i * d;
            if (!accumulate) Arrays.fill(od, oo, oo + d, 0.0);
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                double v = vals[k];
                int bo = colIdx[k] * d;
                for (int j = 0; j < d; j++) od[oo + j] += v * bd[bo + j];
            }
        }
    }

    /**
     * this * b as a sparse matrix (Gustavson's row-by-row product with a dense accumulator), columns
     * sorted. Used once per constant layer input to aggregate sparse features: A X stays sparse.
     */
    public Csr multSparse(Csr b) {
        if (b.rows != cols) throw new IllegalArgumentException("Expected a right operand with " + cols + " rows (got " + b.rows + ")");
        int n = b.cols;
        double[] acc = new double[n];
        int[] mark = new int[n];
        Arrays.fill(mark, -1);
        int[] touched = new int[n];
        int[] ptr = new int[rows + 1];
        int[] ci = new int[Math.max(16, nonZeros() + b.nonZeros())];
        double[] cv = new double[ci.length];
        int p = 0;
        for (int i = 0; i < rows; i++) {
            int t = 0;
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                double v = vals[k];
                int r = colIdx[k];
                for (int q = b.rowPtr[r]; q < b.rowPtr[r + 1]; q++) {
                    int c = b.colIdx[q];
                    if (mark[c] != i) { mark[c] = i; acc[c] = 0; touched[t++] = c; }
                    acc[c] += v * b.vals[q];
                }
            }
            Arrays.sort(touched, 0, t);
            if (p + t > ci.length) {
                int cap = Math.max(p + t, ci.length * 2);
                ci = Arrays.copyOf(ci, cap);
                cv = Arrays.copyOf(cv, cap);
            }
            for (int u = 0; u < t; u++) { ci[p] = touched[u]; cv[p++] = acc[touched[u]]; }
            ptr[i + 1] = p;
        }
        return new Csr(rows, n, ptr, Arrays.copyOf(ci, p), Arrays.copyOf(cv, p));
    }

    /** acc += this^T g, where acc is cols x g.numCols (a scatter over this matrix's rows; no transpose needed). */
    public void multAddTransposed(DMatrixRMaj g, DMatrixRMaj acc) {
        if (g.numRows != rows || acc.numRows != cols || acc.numCols != g.numCols) {
            throw new IllegalArgumentException("Expected g with " + rows + " rows and acc " + cols + "x" + g.numCols + " (got g "
                    + g.numRows + "x" + g.numCols + ", acc " + acc.numRows + "x" + acc.numCols + ")");
        }
        int d = g.numCols;
        double[] gd = g.data, ad = acc.data;
        for (int i = 0; i < rows; i++) {
            int go = i * d;
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                double v = vals[k];
                int ao = colIdx[k] * d;
                for (int j = 0; j < d; j++) ad[ao + j] += v * gd[go + j];
            }
        }
    }

    /** The sub-matrix of the given rows, in that order. */
    public Csr selectRows(int[] sel) {
        int[] ptr = new int[sel.length + 1];
        for (int t = 0; t < sel.length; t++) ptr[t + 1] = ptr[t] + rowPtr[sel[t] + 1] - rowPtr[sel[t]];
        int[] ci = new int[ptr[sel.length]];
        double[] cv = new double[ptr[sel.length]];
        for (int t = 0; t < sel.length; t++) {
            int s = rowPtr[sel[t]], n = rowPtr[sel[t] + 1] - s;
            System.arraycopy(colIdx, s, ci, ptr[t], n);
            System.arraycopy(vals, s, cv, ptr[t], n);
        }
        return new Csr(sel.length, cols, ptr, ci, cv);
    }

    /** Stacks {@code extra} (same column count) under this matrix. */
    public Csr vstack(Csr extra) {
        if (extra.cols != cols) throw new IllegalArgumentException("Expected " + cols + " columns (got " + extra.cols + ")");
        int[] ptr = Arrays.copyOf(rowPtr, rows + extra.rows + 1);
        for (int i = 1; i <= extra.rows; i++) ptr[rows + i] = rowPtr[rows] + extra.rowPtr[i];
        int[] ci = Arrays.copyOf(colIdx, nonZeros() + extra.nonZeros());
        double[] cv = Arrays.copyOf(vals, nonZeros() + extra.nonZeros());
        System.arraycopy(extra.colIdx, 0, ci, nonZeros(), extra.nonZeros());
        System.arraycopy(extra.vals, 0, cv, nonZeros(), extra.nonZeros());
        return new Csr(rows + extra.rows, cols, ptr, ci, cv);
    }
}
