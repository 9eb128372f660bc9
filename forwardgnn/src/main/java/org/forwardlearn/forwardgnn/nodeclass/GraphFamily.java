package org.forwardlearn.forwardgnn.nodeclass;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.Dense;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Topology;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.layer.ProductConv;

/**
 * Graphs whose layer inputs share one base matrix B (N x F): graph g reads x_g = diag(s_g) [B | L_g],
 * where L_g holds appended label columns (one-hot, or uniform 1/C; absent for virtual-node wiring)
 * and s_g the row scale of the row-L2 normalisation (absent when B is already the normalised input).
 * The graphs may also differ in topology (virtual-node wiring). A {@link ProductConv} depends on x only through
 * the products x W_k of its input weights, and x_g W = s_g (B W_f + L_g W_l): so per step the expensive B W_f is
 * computed once for all graphs, the layer turns each graph's cheap x_g W_k into its output
 * ({@link ProductConv#fromProducts}), and the backward forms B^T (sum_g s_g dLoss/d(x_g W_k)) once on the summed
 * gradient. The layer's mathematics (GCN, SAGE, GAT attention) stays in the layer; this class only knows the
 * algebra of the shared input. Same result as running the layer on each materialised input (up to rounding);
 * GoodnessSharingTest checks both paths against each other.
 */
final class GraphFamily implements GraphSet {
    /** The shared base matrix and, per weight, the last B W_f with the W_f it was computed with. */
    static final class Base {
        private final NodeMatrix b;
        private final double[] rowSquares;
        private final Map<DMatrixRMaj, Memo> memo = new IdentityHashMap<>();

        Base(NodeMatrix b) {
            this.b = b;
            this.rowSquares = new double[b.rows()];
            Csr s = b.isSparse() ? b.toCsr() : null;
            DMatrixRMaj d = s == null ? b.toDense() : null;
            for (int i = 0; i < b.rows(); i++) {
                double q = 0;
                if (s != null) {
                    for (int k = s.rowStart(i); k < s.rowEnd(i); k++) q += s.value(k) * s.value(k);
                } else {
                    for (int j = 0, o = i * d.numCols; j < d.numCols; j++) q += d.data[o + j] * d.data[o + j];
                }
                rowSquares[i] = q;
            }
        }

        int rows() { return b.rows(); }

        int cols() { return b.cols(); }

        NodeMatrix matrix() { return b; }

        private static final class Memo { DMatrixRMaj wf, p; }

        /** B W_f, W_f = the first cols() rows of w; recomputed only when those rows changed. */
        synchronized DMatrixRMaj product(DMatrixRMaj w) {
            int f = b.cols(), len = f * w.numCols;
            Memo m = memo.computeIfAbsent(w, k -> new Memo());
            if (m.wf != null && m.wf.numCols == w.numCols && Arrays.equals(m.wf.data, 0, len, w.data, 0, len)) return m.p;
            if (m.wf == null || m.wf.numCols != w.numCols) m.wf = new DMatrixRMaj(f, w.numCols);
            System.arraycopy(w.data, 0, m.wf.data, 0, len);
            m.p = b.times(m.wf, m.p);
            return m.p;
        }

        /** grad(first cols() rows) += B^T u. */
        void addTransposeTimes(DMatrixRMaj u, DMatrixRMaj grad) {
            if (grad.numRows == b.cols()) { b.addTransposeTimes(u, grad); return; }
            DMatrixRMaj t = new DMatrixRMaj(b.cols(), u.numCols);
            b.addTransposeTimes(u, t);
            for (int i = 0; i < t.data.length; i++) grad.data[i] += t.data[i];
        }
    }

    private final Base base;
    private final int labelCols;
    private final int[][] labelOf;
    private final double[][] scale;
    private final Topology[] topo;
    /** Per layer, the passes of the latest forward (what its local gradient continues from). */
    private final Map<GraphConv, ProductConv.Pass[]> passes = new IdentityHashMap<>();

    private GraphFamily(Base base, int labelCols, int[][] labelOf, double[][] scale, Topology[] topo) {
        this.base = base;
        this.labelCols = labelCols;
        this.labelOf = labelOf;
        this.scale = scale;
        this.topo = topo;
        for (Topology t : topo) {
            if (t.numNodes() != base.rows()) {
                throw new IllegalArgumentException("Expected " + base.rows() + " nodes per topology (got " + t.numNodes() + ")");
            }
        }
    }

    /**
     * Label appending: graph g reads rowL2([B | y_g]) on topology t, y_g row i one-hot of labelOf[g][i], or
     * uniform 1/C where it is negative.
     */
    static GraphFamily labelAppended(Base base, Topology t, int numClasses, int[][] labelOf) {
        double[][] s = new double[labelOf.length][base.rows()];
        for (int g = 0; g < labelOf.length; g++) {
            for (int i = 0; i < base.rows(); i++) {
                double q = base.rowSquares[i] + (labelOf[g][i] >= 0 ? 1.0 : 1.0 / numClasses);
                s[g][i] = 1.0 / (Math.sqrt(q) + 1e-8);
            }
        }
        Topology[] ts = new Topology[labelOf.length];
        Arrays.fill(ts, t);
        return new GraphFamily(base, numClasses, labelOf, s, ts);
    }

    /** Graphs that read the same input B and differ only in topology. */
    static GraphFamily sharedInput(Base base, Topology... topo) {
        return new GraphFamily(base, 0, null, null, topo.clone());
    }

    /** True for the convolutions whose output depends on x only through products x W_k ({@link ProductConv}). */
    static boolean supports(GraphConv conv) {
        return conv instanceof ProductConv;
    }

    @Override public int size() { return topo.length; }

    @Override public int numNodes() { return base.rows(); }

    @Override public Topology topology(int g) { return topo[g]; }

    /** The materialised input of graph g (for the straightforward path and tests). */
    NodeMatrix input(int g) {
        if (labelCols == 0) return base.matrix();
        boolean[] known = new boolean[base.rows()];
        for (int i = 0; i < known.length; i++) known[i] = labelOf[g][i] >= 0;
        return NodeInputs.hstack(base.matrix(), NodeInputs.labelRows(base.rows(), labelCols, labelOf[g], known)).rowL2Normalized();
    }

    /** x_g W from the shared p = B W_f: s_g (p + L_g W_l), or p itself when graph inputs are B. */
    private DMatrixRMaj transform(int g, DMatrixRMaj p, DMatrixRMaj w) {
        if (labelCols == 0 && scale == null) return p;
        int n = p.numRows, d = p.numCols, f = base.cols();
        double[] uniform = new double[d];
        for (int c = 0; c < labelCols; c++) for (int j = 0; j < d; j++) uniform[j] += w.data[(f + c) * d + j];
        for (int j = 0; j < d; j++) uniform[j] /= labelCols;
        DMatrixRMaj out = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            double s = scale == null ? 1 : scale[g][i];
            int lab = labelCols == 0 ? -2 : labelOf[g][i];
            for (int j = 0, o = i * d; j < d; j++) {
                double v = p.data[o + j];
                if (lab >= 0) v += w.data[(f + lab) * d + j];
                else if (lab == -1) v += uniform[j];
                out.data[o + j] = s * v;
            }
        }
        return out;
    }

    /**
     * u += s_g t (row-scaled) and, for the label columns, grad(label rows) += L_g^T (s_g t): the part of
     * x_g^T t that is not B^T (s_g t).
     */
    private void accumulate(int g, DMatrixRMaj t, DMatrixRMaj u, DMatrixRMaj grad) {
        int n = t.numRows, d = t.numCols, f = base.cols();
        double[] uniform = new double[d];
        for (int i = 0; i < n; i++) {
            double s = scale == null ? 1 : scale[g][i];
            int lab = labelCols == 0 ? -2 : labelOf[g][i];
            int o = i * d;
            if (lab >= 0) {
                for (int j = 0, l = (f + lab) * d; j < d; j++) { double v = s * t.data[o + j]; u.data[o + j] += v; grad.data[l + j] += v; }
            } else if (lab == -1) {
                for (int j = 0; j < d; j++) { double v = s * t.data[o + j]; u.data[o + j] += v; uniform[j] += v; }
            } else if (s == 1) {
                for (int j = 0; j < d; j++) u.data[o + j] += t.data[o + j];
            } else {
                for (int j = 0; j < d; j++) u.data[o + j] += s * t.data[o + j];
            }
        }
        for (int c = 0; c < labelCols; c++) for (int j = 0; j < d; j++) grad.data[(f + c) * d + j] += uniform[j] / labelCols;
    }

    @Override
    public DMatrixRMaj[] forward(GraphConv conv, int[] rows) {
        ProductConv pc = (ProductConv) conv;
        List<Parameter> ws = pc.inputWeights();
        DMatrixRMaj[] shared = new DMatrixRMaj[ws.size()];
        for (int k = 0; k < shared.length; k++) {
            DMatrixRMaj w = ws.get(k).value();
            if (w.numRows != base.cols() + labelCols) {
                throw new IllegalArgumentException("Expected a layer reading " + (base.cols() + labelCols) + " columns (got " + w.numRows + ")");
            }
            shared[k] = base.product(w);
        }
        DMatrixRMaj[] out = new DMatrixRMaj[size()];
        ProductConv.Pass[] ps = new ProductConv.Pass[size()];
        for (int g = 0; g < size(); g++) {
            DMatrixRMaj[] p = new DMatrixRMaj[shared.length];
            for (int k = 0; k < p.length; k++) p[k] = transform(g, shared[k], ws.get(k).value());
            ps[g] = pc.fromProducts(topo[g], p, rows);
            DMatrixRMaj z = ps[g].z();
            Dense.relu(z);
            out[g] = z;
        }
        synchronized (passes) { passes.put(conv, ps); }
        return out;
    }

    @Override
    public void localGradient(GraphConv conv, int[] rows, DMatrixRMaj[] h, DMatrixRMaj[] dh) {
        ProductConv pc = (ProductConv) conv;
        ProductConv.Pass[] ps;
        synchronized (passes) { ps = passes.get(conv); }
        if (ps == null || ps[0].rows() != rows) {
            throw new IllegalStateException("Expected a forward pass of this layer on the same rows before its local gradient");
        }
        List<Parameter> ws = pc.inputWeights();
        int n = base.rows();
        DMatrixRMaj[] u = new DMatrixRMaj[ws.size()];
        for (int k = 0; k < u.length; k++) u[k] = new DMatrixRMaj(n, ws.get(k).value().numCols);
        for (int g = 0; g < size(); g++) {
            DMatrixRMaj dz = Dense.reluBackward(h[g], dh[g], dh[g]);
            DMatrixRMaj[] dp = pc.backwardFromProducts(ps[g], dz);
            for (int k = 0; k < u.length; k++) accumulate(g, dp[k], u[k], ws.get(k).grad());
        }
        for (int k = 0; k < u.length; k++) base.addTransposeTimes(u[k], ws.get(k).grad());
    }
}
