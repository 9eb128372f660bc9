package org.forwardlearn.forwardgnn.layer;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.Dense;
import org.forwardlearn.forwardgnn.graph.Topology;

/**
 * GAT (Velickovic et al. 2018, as PyG's GATConv): p = x W split into heads; for every edge j -> i of
 * A + I, e_ij = LeakyReLU_0.2(a_src.p_j + a_dst.p_i), alpha = softmax over j; out_i = sum_j alpha_ij p_j;
 * heads concatenated (or averaged when {@code concat} is false); plus bias. The backward of the
 * attention is written by hand and checked by finite differences in the tests.
 */
public final class GatConv implements ProductConv {
    static final double SLOPE = 0.2;
    private final int heads, headDim;
    private final boolean concat;
    private final Parameter weight, attSrc, attDst, bias;

    /** @param out total output width (heads x per-head width when concatenating, per-head width otherwise) */
    public GatConv(int in, int out, int heads, boolean concat, Random rng) {
        if (concat && out % heads != 0) {
            throw new IllegalArgumentException("Expected output width divisible by " + heads + " heads (got " + out + ")");
        }
        this.heads = heads;
        this.concat = concat;
        this.headDim = concat ? out / heads : out;
        DMatrixRMaj w = new DMatrixRMaj(in, heads * headDim);
        Init.GLOROT_UNIFORM.fillWeights(w, rng);
        DMatrixRMaj as = new DMatrixRMaj(heads, headDim), ad = new DMatrixRMaj(heads, headDim);
        // PyG's glorot on att_src / att_dst of shape (1, heads, headDim): bound sqrt(6 / (heads + headDim)).
        double a = Math.sqrt(6.0 / (heads + headDim));
        for (int i = 0; i < as.data.length; i++) { as.data[i] = (2 * rng.nextDouble() - 1) * a; ad.data[i] = (2 * rng.nextDouble() - 1) * a; }
        weight = new Parameter("weight", w);
        attSrc = new Parameter("att_src", as);
        attDst = new Parameter("att_dst", ad);
        bias = new Parameter("bias", new DMatrixRMaj(1, out));
    }

    private GatConv(GatConv o) {
        heads = o.heads; headDim = o.headDim; concat = o.concat;
        weight = new Parameter("weight", o.weight.value().copy());
        attSrc = new Parameter("att_src", o.attSrc.value().copy());
        attDst = new Parameter("att_dst", o.attDst.value().copy());
        bias = new Parameter("bias", o.bias.value().copy());
    }

    @Override public String kind() { return "gat"; }
    @Override public int inputSize() { return weight.value().numRows; }
    @Override public int outputSize() { return bias.value().numCols; }
    @Override public List<Parameter> parameters() { return List.of(weight, attSrc, attDst, bias); }
    @Override public GraphConv copy() { return new GatConv(this); }
    public int heads() { return heads; }
    public boolean concat() { return concat; }

    /** Forward state: p = x W, the rows computed (null = all), attention and raw scores per edge of A + I and head. */
    private record State(DMatrixRMaj p, int[] rows, double[] alpha, double[] score) { }

    @Override public List<Parameter> inputWeights() { return List.of(weight); }

    @Override
    public DMatrixRMaj preActivation(ConvInput in) {
        check(in);
        Attended at = attend(in.topology(), in.x().times(weight.value(), null), null);
        in.record(this, at.state());
        return at.z();
    }

    @Override
    public DMatrixRMaj preActivation(ConvInput in, int[] rows) {
        check(in);
        Attended at = attend(in.topology(), in.x().times(weight.value(), null), rows);
        in.record(this, at.state());
        return at.z();
    }

    @Override
    public Pass fromProducts(Topology t, DMatrixRMaj[] p, int[] rows) {
        Attended at = attend(t, p[0], rows);
        return new Pass(t, p, rows, at.z(), at.state());
    }

    @Override
    public DMatrixRMaj[] backwardFromProducts(Pass pass, DMatrixRMaj dz) {
        return new DMatrixRMaj[] {backwardToP(pass.topology(), (State) pass.state(), dz, true)};
    }

    private void check(ConvInput in) {
        if (in.x().cols() != inputSize()) {
            throw new IllegalArgumentException("Expected input with " + inputSize() + " columns (got " + in.x().cols() + ")");
        }
    }

    private record Attended(DMatrixRMaj z, State state) { }

    /** Attention and aggregation for {@code rows} (null: all) of topology t from p = x W; z holds those rows. */
    private Attended attend(Topology t, DMatrixRMaj p, int[] rows) {
        Csr a = t.selfLoops();
        int n = a.rows(), hd = heads * headDim, m = rows == null ? n : rows.length;
        double[] ss = new double[n * heads], sd = new double[n * heads];
        headScores(p, ss, sd);
        double[] alpha = new double[a.nonZeros() * heads], score = new double[a.nonZeros() * heads];
        DMatrixRMaj z = new DMatrixRMaj(m, outputSize());
        double scale = concat ? 1.0 : 1.0 / heads;
        for (int r = 0; r < m; r++) {
            int i = rows == null ? r : rows[r];
            int s = a.rowStart(i), e = a.rowEnd(i);
            for (int h = 0; h < heads; h++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = s; k < e; k++) {
                    double v = ss[a.col(k) * heads + h] + sd[i * heads + h];
                    score[k * heads + h] = v;
                    double lv = v > 0 ? v : SLOPE * v;
                    alpha[k * heads + h] = lv;
                    max = Math.max(max, lv);
                }
                double sum = 0;
                for (int k = s; k < e; k++) { double ex = Math.exp(alpha[k * heads + h] - max); alpha[k * heads + h] = ex; sum += ex; }
                int zo = r * outputSize() + (concat ? h * headDim : 0);
                for (int k = s; k < e; k++) {
                    double al = alpha[k * heads + h] / sum;
                    alpha[k * heads + h] = al;
                    int po = a.col(k) * hd + h * headDim;
                    double c = al * scale;
                    for (int t2 = 0; t2 < headDim; t2++) z.data[zo + t2] += c * p.data[po + t2];
                }
            }
        }
        Dense.addRow(z, bias.value());
        return new Attended(z, new State(p, rows, alpha, score));
    }

    private void headScores(DMatrixRMaj p, double[] ss, double[] sd) {
        int hd = heads * headDim;
        double[] as = attSrc.value().data, ad = attDst.value().data;
        for (int i = 0; i < p.numRows; i++) {
            for (int h = 0; h < heads; h++) {
                double a = 0, b = 0;
                int po = i * hd + h * headDim, ao = h * headDim;
                for (int t = 0; t < headDim; t++) { a += p.data[po + t] * as[ao + t]; b += p.data[po + t] * ad[ao + t]; }
                ss[i * heads + h] = a;
                sd[i * heads + h] = b;
            }
        }
    }

    /** dLoss/dp (the gradient w.r.t. x W, every node) from dLoss/dz on the state's rows, accumulating the attention and bias gradients. */
    private DMatrixRMaj backwardToP(Topology topology, State st, DMatrixRMaj dz, boolean accumulate) {
        Csr a = topology.selfLoops();
        int n = a.rows(), hd = heads * headDim, out = outputSize();
        DMatrixRMaj p = st.p();
        DMatrixRMaj dp = new DMatrixRMaj(n, hd);
        double[] dss = new double[n * heads], dsd = new double[n * heads];
        double scale = concat ? 1.0 : 1.0 / heads;
        int[] rows = st.rows();
        int m = rows == null ? n : rows.length;
        for (int r = 0; r < m; r++) {
            int i = rows == null ? r : rows[r];
            int s = a.rowStart(i), e = a.rowEnd(i);
            for (int h = 0; h < heads; h++) {
                int zo = r * out + (concat ? h * headDim : 0);
                double dot = 0;
                double[] dAlpha = new double[e - s];
                for (int k = s; k < e; k++) {
                    int po = a.col(k) * hd + h * headDim;
                    double da = 0;
                    double al = st.alpha()[k * heads + h] * scale;
                    for (int t = 0; t < headDim; t++) {
                        double g = dz.data[zo + t];
                        da += g * p.data[po + t];
                        dp.data[po + t] += al * g;
                    }
                    da *= scale;
                    dAlpha[k - s] = da;
                    dot += st.alpha()[k * heads + h] * da;
                }
                for (int k = s; k < e; k++) {
                    double al = st.alpha()[k * heads + h];
                    double ds = al * (dAlpha[k - s] - dot) * (st.score()[k * heads + h] > 0 ? 1.0 : SLOPE);
                    dsd[i * heads + h] += ds;
                    dss[a.col(k) * heads + h] += ds;
                }
            }
        }
        double[] as = attSrc.value().data, ad = attDst.value().data;
        for (int i = 0; i < n; i++) {
            for (int h = 0; h < heads; h++) {
                int po = i * hd + h * headDim, ao = h * headDim;
                double gs = dss[i * heads + h], gd = dsd[i * heads + h];
                for (int t = 0; t < headDim; t++) {
                    if (accumulate) {
                        attSrc.grad().data[ao + t] += gs * p.data[po + t];
                        attDst.grad().data[ao + t] += gd * p.data[po + t];
                    }
                    dp.data[po + t] += gs * as[ao + t] + gd * ad[ao + t];
                }
            }
        }
        if (accumulate) Dense.addColumnSums(dz, bias.grad());
        return dp;
    }

    @Override
    public void backward(ConvInput in, DMatrixRMaj dz) {
        State st = (State) in.recorded(this);
        if (st.rows() != null) throw new IllegalStateException("Expected a full forward pass before a full backward pass");
        DMatrixRMaj dp = backwardToP(in.topology(), st, dz, true);
        in.x().addTransposeTimes(dp, weight.grad());
    }

    @Override
    public void backward(ConvInput in, int[] rows, DMatrixRMaj dzRows) {
        State st = (State) in.recorded(this);
        if (st.rows() != rows && !java.util.Arrays.equals(st.rows(), rows)) throw new IllegalStateException("Expected the backward pass on the rows of the latest forward pass");
        DMatrixRMaj dp = backwardToP(in.topology(), st, dzRows, true);
        in.x().addTransposeTimes(dp, weight.grad());
    }

    @Override
    public DMatrixRMaj inputGradient(ConvInput in, DMatrixRMaj dz) {
        State st = (State) in.recorded(this);
        if (st.rows() != null) throw new IllegalStateException("Expected a full forward pass before the input gradient");
        return Dense.multTransB(backwardToP(in.topology(), st, dz, false), weight.value(), null);
    }
}
