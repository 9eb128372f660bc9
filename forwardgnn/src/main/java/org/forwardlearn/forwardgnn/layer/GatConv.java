package org.forwardlearn.forwardgnn.layer;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.Dense;

/**
 * GAT (Velickovic et al. 2018, as PyG's GATConv): p = x W split into heads; for every edge j -> i of
 * A + I, e_ij = LeakyReLU_0.2(a_src.p_j + a_dst.p_i), alpha = softmax over j; out_i = sum_j alpha_ij p_j;
 * heads concatenated (or averaged when {@code concat} is false); plus bias. The backward of the
 * attention is written by hand and checked by finite differences in the tests.
 */
public final class GatConv implements GraphConv {
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

    private record State(DMatrixRMaj p, double[] alpha, double[] score) { }

    @Override
    public DMatrixRMaj preActivation(ConvInput in) {
        if (in.x().cols() != inputSize()) {
            throw new IllegalArgumentException("Expected input with " + inputSize() + " columns (got " + in.x().cols() + ")");
        }
        Csr a = in.topology().selfLoops();
        int n = a.rows(), hd = heads * headDim;
        DMatrixRMaj p = in.x().times(weight.value(), null);
        double[] ss = new double[n * heads], sd = new double[n * heads];
        headScores(p, ss, sd);
        double[] alpha = new double[a.nonZeros() * heads], score = new double[a.nonZeros() * heads];
        DMatrixRMaj z = new DMatrixRMaj(n, outputSize());
        double scale = concat ? 1.0 : 1.0 / heads;
        for (int i = 0; i < n; i++) {
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
                int zo = i * outputSize() + (concat ? h * headDim : 0);
                for (int k = s; k < e; k++) {
                    double al = alpha[k * heads + h] / sum;
                    alpha[k * heads + h] = al;
                    int po = a.col(k) * hd + h * headDim;
                    double c = al * scale;
                    for (int t = 0; t < headDim; t++) z.data[zo + t] += c * p.data[po + t];
                }
            }
        }
        Dense.addRow(z, bias.value());
        in.record(this, new State(p, alpha, score));
        return z;
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

    /** dLoss/dp (the gradient w.r.t. x W), accumulating the attention and bias gradients. */
    private DMatrixRMaj backwardToP(ConvInput in, DMatrixRMaj dz, boolean accumulate) {
        State st = (State) in.recorded(this);
        Csr a = in.topology().selfLoops();
        int n = a.rows(), hd = heads * headDim, out = outputSize();
        DMatrixRMaj p = st.p();
        DMatrixRMaj dp = new DMatrixRMaj(n, hd);
        double[] dss = new double[n * heads], dsd = new double[n * heads];
        double scale = concat ? 1.0 : 1.0 / heads;
        for (int i = 0; i < n; i++) {
            int s = a.rowStart(i), e = a.rowEnd(i);
            for (int h = 0; h < heads; h++) {
                int zo = i * out + (concat ? h * headDim : 0);
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
        DMatrixRMaj dp = backwardToP(in, dz, true);
        in.x().addTransposeTimes(dp, weight.grad());
    }

    @Override
    public DMatrixRMaj inputGradient(ConvInput in, DMatrixRMaj dz) {
        return Dense.multTransB(backwardToP(in, dz, false), weight.value(), null);
    }
}
