package org.forwardlearn.forwardgnn.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.Dense;

/**
 * The example user conv of the tests, written as message / aggregate / update: m_ij = g o x_j (g a learned
 * per-feature gate when {@code gated}, else no gate), mean aggregation, z = a W_n + x W_r + b. Ungated it is
 * GraphSAGE with the mean (PyG's SAGEConv), which the tests compare it with.
 */
public final class MeanRootConv extends MessagePassingConv {
    public static final String NAME = "test-mean-root", GATED = "test-gated-mean-root";
    private final boolean gated;
    private final Parameter wn, bias, wr, gate;

    public MeanRootConv(int in, int out, boolean gated, Random rng) {
        super(Aggregation.MEAN);
        this.gated = gated;
        DMatrixRMaj n = new DMatrixRMaj(in, out), r = new DMatrixRMaj(in, out), g = new DMatrixRMaj(1, in);
        Init.GLOROT_UNIFORM.fillWeights(n, rng);
        Init.GLOROT_UNIFORM.fillWeights(r, rng);
        if (gated) for (int k = 0; k < in; k++) g.data[k] = 1 + 0.1 * rng.nextGaussian();   // ungated: SageConv's draws
        wn = new Parameter("weight_neigh", n);
        bias = new Parameter("bias", new DMatrixRMaj(1, out));
        wr = new Parameter("weight_root", r);
        gate = new Parameter("gate", g);
    }

    @Override public String kind() { return gated ? GATED : NAME; }
    @Override public int inputSize() { return wn.value().numRows; }
    @Override public int outputSize() { return wn.value().numCols; }

    @Override public List<Parameter> parameters() {
        List<Parameter> p = new ArrayList<>(List.of(wn, bias, wr));
        if (gated) p.add(gate);
        return p;
    }

    @Override public GraphConv copy() {
        MeanRootConv c = new MeanRootConv(inputSize(), outputSize(), gated, new Random(0));
        c.copyParametersFrom(this);
        return c;
    }

    @Override protected int messageWidth() { return inputSize(); }
    @Override protected boolean messageHasParameters() { return gated; }

    @Override protected void message(double[] xj, double[] xi, double[] m) {
        for (int k = 0; k < m.length; k++) m[k] = gated ? gate.value().data[k] * xj[k] : xj[k];
    }

    @Override protected void messageBackward(double[] xj, double[] xi, double[] dm) {
        for (int k = 0; k < dm.length; k++) gate.grad().data[k] += dm[k] * xj[k];
    }

    @Override protected void messageInputGradient(double[] xj, double[] xi, double[] dm, double[] dxj, double[] dxi) {
        for (int k = 0; k < dm.length; k++) dxj[k] += gated ? dm[k] * gate.value().data[k] : dm[k];
    }

    @Override protected DMatrixRMaj update(DMatrixRMaj a, DMatrixRMaj x) {
        DMatrixRMaj z = Dense.mult(a, wn.value(), null);
        Dense.multAdd(x, wr.value(), z);
        Dense.addRow(z, bias.value());
        return z;
    }

    @Override protected DMatrixRMaj updateBackward(DMatrixRMaj a, DMatrixRMaj x, DMatrixRMaj dz) {
        Dense.multAddTransA(a, dz, wn.grad());
        Dense.multAddTransA(x, dz, wr.grad());
        Dense.addColumnSums(dz, bias.grad());
        return Dense.multTransB(dz, wn.value(), null);
    }

    @Override protected DMatrixRMaj updateInputGradient(DMatrixRMaj a, DMatrixRMaj x, DMatrixRMaj dz) {
        return Dense.multTransB(dz, wr.value(), null);
    }

    /** Registers both variants (once per JVM). */
    public static void register() {
        if (!ConvRegistry.contains(NAME)) ConvRegistry.register(ConvFactory.of(NAME, (in, out, r) -> new MeanRootConv(in, out, false, r)));
        if (!ConvRegistry.contains(GATED)) ConvRegistry.register(ConvFactory.of(GATED, (in, out, r) -> new MeanRootConv(in, out, true, r)));
    }
}
