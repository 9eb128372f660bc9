package org.forwardlearn.forwardgnn.graph;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.kernel.Parallel;

/**
 * A dense {@link NodeMatrix} for large graphs: one row-major array of the base rows in float32 or float64, optional
 * appended rows (SF's virtual nodes, double) and an optional per-row scale (row normalisations as views: no copy of
 * the features). Value (i, j) = scale_i * base_ij (or appended). Layer outputs are written once into a store of their
 * own ({@link #allocate}), which may then be normalised in place. The graph kernels read it directly: the GCN
 * aggregation of any rows ({@link #gcnRows}) without the aggregated matrix; the other products materialise row blocks.
 */
public final class RowStore implements NodeMatrix {
    private final int rows, cols, baseRows;
    private final float[] f;
    private final double[] d;
    private final double[] appended;
    private final double[] scale;

    private RowStore(int rows, int cols, int baseRows, float[] f, double[] d, double[] appended, double[] scale) {
        this.rows = rows; this.cols = cols; this.baseRows = baseRows; this.f = f; this.d = d; this.appended = appended; this.scale = scale;
    }

    /** Wraps float32 rows (not copied). */
    public static RowStore ofFloats(int rows, int cols, float[] data) {
        check(rows, cols, data.length);
        return new RowStore(rows, cols, rows, data, null, null, null);
    }

    /** Wraps float64 rows (not copied). */
    public static RowStore ofDoubles(int rows, int cols, double[] data) {
        check(rows, cols, data.length);
        return new RowStore(rows, cols, rows, null, data, null, null);
    }

    /** A view of a dense matrix (shares its data). */
    static RowStore of(DMatrixRMaj m) { return new RowStore(m.numRows, m.numCols, m.numRows, null, m.data, null, null); }

    /** The dense rows of a layer input as a store (a view of a dense matrix; null for sparse inputs). */
    public static RowStore view(NodeMatrix x) {
        if (x instanceof RowStore r) return r;
        if (x instanceof DenseNodes) return of(x.toDense());
        return null;
    }

    /** A zeroed store of rows x cols in float32 or float64. */
    public static RowStore allocate(int rows, int cols, boolean floats) {
        long size = (long) rows * cols;
        if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("Expected rows x cols below 2^31 (got " + rows + " x " + cols + ")");
        return floats ? new RowStore(rows, cols, rows, new float[(int) size], null, null, null)
                : new RowStore(rows, cols, rows, null, new double[(int) size], null, null);
    }

    private static void check(int rows, int cols, int length) {
        if ((long) rows * cols != length) {
            throw new IllegalArgumentException("Expected " + rows + " x " + cols + " = " + (long) rows * cols + " values (got " + length + ")");
        }
    }

    @Override public int rows() { return rows; }
    @Override public int cols() { return cols; }
    @Override public long nonZeros() { return (long) rows * cols; }
    @Override public boolean isSparse() { return false; }

    public boolean isFloat() { return f != null; }

    /** Bytes of the arrays this store holds (base storage, appended rows, scales). */
    public long bytes() {
        return (f != null ? 4L * f.length : 8L * d.length) + (appended == null ? 0 : 8L * appended.length) + (scale == null ? 0 : 8L * scale.length);
    }

    /** Bytes of the base rows' storage alone (shared by every view of the same rows). */
    public long baseBytes() { return f != null ? 4L * f.length : 8L * d.length; }

    /** Value (i, j). */
    public double get(int i, int j) {
        double v = i < baseRows ? (f != null ? f[i * cols + j] : d[i * cols + j]) : appended[(i - baseRows) * cols + j];
        return scale == null ? v : v * scale[i];
    }

    /** Row i of the store into dst[off..off+cols). */
    public void row(int i, double[] dst, int off) {
        double s = scale == null ? 1 : scale[i];
        if (i >= baseRows) { for (int j = 0; j < cols; j++) dst[off + j] = appended[(i - baseRows) * cols + j] * s; return; }
        int o = i * cols;
        if (f != null) for (int j = 0; j < cols; j++) dst[off + j] = f[o + j] * s;
        else if (scale == null) System.arraycopy(d, o, dst, off, cols);
        else for (int j = 0; j < cols; j++) dst[off + j] = d[o + j] * s;
    }

    /** Writes base row i from src[off..off+cols) (stores made by {@link #allocate} only: rows of a layer output). */
    public void setRow(int i, double[] src, int off) {
        if (scale != null || i >= baseRows) throw new IllegalStateException("Expected a plain store row (got a view or an appended row " + i + ")");
        int o = i * cols;
        if (f != null) for (int j = 0; j < cols; j++) f[o + j] = (float) src[off + j];
        else System.arraycopy(src, off, d, o, cols);
    }

    /** This store with {@code extra} appended as rows (shares the base; the scale, if any, is extended with ones). */
    public RowStore withAppendedRows(DMatrixRMaj extra) {
        if (extra.numCols != cols) throw new IllegalArgumentException("Expected " + cols + " columns (got " + extra.numCols + ")");
        if (appended != null) throw new IllegalStateException("Expected a store without appended rows (got one with " + (rows - baseRows) + ")");
        double[] sc = scale == null ? null : Arrays.copyOf(scale, rows + extra.numRows);
        if (sc != null) Arrays.fill(sc, rows, sc.length, 1.0);
        return new RowStore(rows + extra.numRows, cols, baseRows, f, d, extra.data.clone(), sc);
    }

    private RowStore scaled(double[] factor) {
        double[] sc = new double[rows];
        for (int i = 0; i < rows; i++) sc[i] = (scale == null ? 1 : scale[i]) * factor[i];
        return new RowStore(rows, cols, baseRows, f, d, appended, sc);
    }

    /**
     * Rows normalised by a row-wise datasets {@code FeatureNorm} rule, as a view (n doubles): the rule itself
     * ({@code applyRow}, its one implementation) runs on a copy of each row, and the row's scale is read back from the
     * result (row-wise rules scale a row by one factor). {@code rowNames} (may be null: row numbers) name rows in errors.
     */
    public RowStore normalizedRows(org.forwardlearn.datasets.table.FeatureNorm.Fitted rule, java.util.List<String> rowNames) {
        if (!rule.rule().rowWise()) throw new IllegalArgumentException("Expected a row-wise rule (got " + rule.rule().id() + ")");
        double[] fac = new double[rows];
        double[] in = new double[cols], out = new double[cols];
        for (int i = 0; i < rows; i++) {
            row(i, in, 0);
            System.arraycopy(in, 0, out, 0, cols);
            rule.applyRow(out, 0, cols, rowNames == null ? Integer.toString(i) : rowNames.get(i));
            int j = 0;
            while (j < cols && in[j] == 0) j++;
            fac[i] = j == cols ? 1 : out[j] / in[j];
        }
        return scaled(fac);
    }

    /** Rows scaled to unit L2 norm (eps 1e-8, as {@link DenseNodes}), as a view (n doubles). */
    @Override
    public RowStore rowL2Normalized() {
        double[] fac = new double[rows];
        double[] buf = new double[cols];
        for (int i = 0; i < rows; i++) {
            row(i, buf, 0);
            double s = 0;
            for (double v : buf) s += v * v;
            fac[i] = 1.0 / (Math.sqrt(s) + 1e-8);
        }
        return scaled(fac);
    }

    /** In place: every row scaled to unit L2 norm (eps 1e-8), same arithmetic as {@link DenseNodes#rowL2Normalized}; returns this. */
    public RowStore normalizeRowsInPlace() {
        if (scale != null || appended != null) throw new IllegalStateException("Expected a plain store (got a view)");
        Parallel.forBlocks(rows, 4096, (b, from, to) -> {
            for (int i = from; i < to; i++) {
                int o = i * cols;
                double s = 0;
                if (f != null) {
                    for (int j = 0; j < cols; j++) s += (double) f[o + j] * f[o + j];
                    double inv = 1.0 / (Math.sqrt(s) + 1e-8);
                    for (int j = 0; j < cols; j++) f[o + j] = (float) (f[o + j] * inv);
                } else {
                    for (int j = 0; j < cols; j++) s += d[o + j] * d[o + j];
                    double inv = 1.0 / (Math.sqrt(s) + 1e-8);
                    for (int j = 0; j < cols; j++) d[o + j] = d[o + j] * inv;
                }
            }
        });
        return this;
    }

    private static final ThreadLocal<Object[]> ROW_BUFFERS = ThreadLocal.withInitial(() -> new Object[] {new int[0], new double[0]});

    /**
     * out[t] = row rows[t] of Â x (Â = D^-1/2 (A + I) D^-1/2 of {@code t}) for t in [0, rows.length): the aggregation of just
     * these rows, from the topology's int CSR and degree scales (no operator, no aggregated matrix). Row blocks in
     * parallel; each row is computed exactly as the single-threaded {@code t.gcn().mult(x)} would (bit-identical for a
     * plain double store).
     */
    public DMatrixRMaj gcnRows(Topology t, int[] sel) {
        DMatrixRMaj out = new DMatrixRMaj(sel.length, cols);
        gcnRows(t, sel, 0, sel.length, out.data, 0);
        return out;
    }

    /** Rows sel[from..to) (sel null: rows from..to) of Â x into out, row t at out[outOff + (t - from) * cols]. */
    public void gcnRows(Topology t, int[] sel, int from, int to, double[] out, int outOff) {
        if (t.numNodes() != rows) throw new IllegalArgumentException("Expected a topology of " + rows + " nodes (got " + t.numNodes() + ")");
        int need = t.maxRowLength();
        t.gcnScale();
        Parallel.forBlocks(to - from, 1024, (b, a, e) -> {
            Object[] buf = ROW_BUFFERS.get();
            if (((int[]) buf[0]).length < need) { buf[0] = new int[need]; buf[1] = new double[need]; }
            int[] ci = (int[]) buf[0];
            double[] v = (double[]) buf[1];
            for (int q = from + a; q < from + e; q++) {
                int i = sel == null ? q : sel[q];
                int len = t.gcnRow(i, ci, v);
                int oo = outOff + (q - from) * cols;
                if (d != null && scale == null && appended == null) {
                    Csr.row(ci, v, 0, len, d, cols, out, oo);
                } else if (d != null) {
                    // base neighbours first (columns are sorted, appended rows last): the vector row kernel with the view's
                    // scale folded into the weights, then the few appended rows (SF's virtual nodes)
                    int nb = baseEntries(ci, len);
                    if (scale != null) for (int k = 0; k < len; k++) v[k] *= scale[ci[k]];
                    Csr.row(ci, v, 0, nb, d, cols, out, oo);
                    for (int k = nb; k < len; k++) {
                        int so = (ci[k] - baseRows) * cols;
                        for (int c = 0; c < cols; c++) out[oo + c] += v[k] * appended[so + c];
                    }
                } else {
                    generalRow(ci, v, len, out, oo);
                }
            }
        });
    }

    /** How many of the (sorted) columns ci[0..len) are base rows. */
    private int baseEntries(int[] ci, int len) {
        int k = len;
        while (k > 0 && ci[k - 1] >= baseRows) k--;
        return k;
    }

    private void generalRow(int[] ci, double[] v, int len, double[] out, int oo) {
        Arrays.fill(out, oo, oo + cols, 0.0);
        for (int k = 0; k < len; k++) {
            int j = ci[k];
            double w = scale == null ? v[k] : v[k] * scale[j];
            if (j >= baseRows) {
                int so = (j - baseRows) * cols;
                for (int c = 0; c < cols; c++) out[oo + c] += w * appended[so + c];
            } else if (f != null) {
                int so = j * cols;
                for (int c = 0; c < cols; c++) out[oo + c] += w * f[so + c];
            } else {
                int so = j * cols;
                for (int c = 0; c < cols; c++) out[oo + c] += w * d[so + c];
            }
        }
    }

    /** Rows [from, to) as a dense matrix. */
    DMatrixRMaj block(int from, int to) {
        DMatrixRMaj m = new DMatrixRMaj(to - from, cols);
        for (int i = from; i < to; i++) row(i, m.data, (i - from) * cols);
        return m;
    }

    @Override
    public DMatrixRMaj times(DMatrixRMaj w, DMatrixRMaj out) {
        if (d != null && scale == null && appended == null) return Dense.mult(DMatrixRMaj.wrap(rows, cols, d), w, out);
        if (out == null) out = new DMatrixRMaj(rows, w.numCols); else out.reshape(rows, w.numCols);
        DMatrixRMaj o = out;
        Parallel.forBlocks(rows, 4096, (b, from, to) -> {
            DMatrixRMaj z = Dense.mult(block(from, to), w, null);
            System.arraycopy(z.data, 0, o.data, from * w.numCols, z.data.length);
        });
        return out;
    }

    @Override
    public DMatrixRMaj transposeTimes(DMatrixRMaj g, DMatrixRMaj out) {
        if (out == null) out = new DMatrixRMaj(cols, g.numCols); else out.reshape(cols, g.numCols);
        out.zero();
        addTransposeTimes(g, out);
        return out;
    }

    @Override
    public void addTransposeTimes(DMatrixRMaj g, DMatrixRMaj acc) {
        if (g.numRows != rows) throw new IllegalArgumentException("Expected g with " + rows + " rows (got " + g.numRows + ")");
        int step = 4096;
        for (int from = 0; from < rows; from += step) {
            int to = Math.min(rows, from + step);
            DMatrixRMaj gb = new DMatrixRMaj(to - from, g.numCols);
            System.arraycopy(g.data, from * g.numCols, gb.data, 0, gb.data.length);
            Dense.multAddTransA(block(from, to), gb, acc);
        }
    }

    @Override public DMatrixRMaj aggregate(Csr a) { return a.mult(toDense(), null); }

    @Override
    public NodeMatrix selectRows(int[] sel) {
        DMatrixRMaj o = new DMatrixRMaj(sel.length, cols);
        for (int t = 0; t < sel.length; t++) row(sel[t], o.data, t * cols);
        return NodeMatrix.dense(o);
    }

    /** The whole matrix in double (a copy unless this is a plain double store). */
    @Override
    public DMatrixRMaj toDense() {
        if (d != null && scale == null && appended == null) return DMatrixRMaj.wrap(rows, cols, d);
        return block(0, rows);
    }
}
