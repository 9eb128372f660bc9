package org.forwardlearn.forwardgnn.layer;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.Dense;

/**
 * GraphSAGE with mean aggregation and a root weight (as PyG's SAGEConv): z = mean_j(x_j) W_l + b + x W_r.
 * The mean aggregation is cached when the input is constant and aggregating first is cheaper.
 */
public final class SageConv implements GraphConv {
    private final Parameter wl, bias, wr;

    public SageConv(int in, int out, Random rng) {
        DMatrixRMaj l = new DMatrixRMaj(in, out), r = new DMatrixRMaj(in, out);
        Init.GLOROT_UNIFORM.fillWeights(l, rng);
        Init.GLOROT_UNIFORM.fillWeights(r, rng);
        wl = new Parameter("weight_neigh", l);
        bias = new Parameter("bias", new DMatrixRMaj(1, out));
        wr = new Parameter("weight_root", r);
    }

    private SageConv(SageConv o) {
        wl = new Parameter("weight_neigh", o.wl.value().copy());
        bias = new Parameter("bias", o.bias.value().copy());
        wr = new Parameter("weight_root", o.wr.value().copy());
    }

    @Override public String kind() { return "sage"; }
    @Override public int inputSize() { return wl.value().numRows; }
    @Override public int outputSize() { return wl.value().numCols; }
    @Override public List<Parameter> parameters() { return List.of(wl, bias, wr); }
    @Override public GraphConv copy() { return new SageConv(this); }

    private DMatrixRMaj aggregated(ConvInput in) {
        return in.cached("sage:Mx", () -> in.x().aggregate(in.topology().mean()));
    }

    @Override
    public DMatrixRMaj preActivation(ConvInput in) {
        if (in.x().cols() != inputSize()) {
            throw new IllegalArgumentException("Expected input with " + inputSize() + " columns (got " + in.x().cols() + ")");
        }
        Csr m = in.topology().mean();
        DMatrixRMaj z = GcnConv.aggregateFirst(in, m, outputSize())
                ? Dense.mult(aggregated(in), wl.value(), null)
                : m.mult(in.x().times(wl.value(), null), null);
        GcnConv.add(z, in.x().times(wr.value(), null));
        Dense.addRow(z, bias.value());
        return z;
    }

    @Override
    public void backward(ConvInput in, DMatrixRMaj dz) {
        Csr m = in.topology().mean();
        DMatrixRMaj gl = GcnConv.aggregateFirst(in, m, outputSize())
                ? Dense.multTransA(aggregated(in), dz, null)
                : in.x().transposeTimes(in.topology().meanTransposed().mult(dz, null), null);
        GcnConv.add(wl.grad(), gl);
        GcnConv.add(wr.grad(), in.x().transposeTimes(dz, null));
        Dense.addColumnSums(dz, bias.grad());
    }

    @Override
    public DMatrixRMaj inputGradient(ConvInput in, DMatrixRMaj dz) {
        DMatrixRMaj dx = Dense.multTransB(in.topology().meanTransposed().mult(dz, null), wl.value(), null);
        GcnConv.add(dx, Dense.multTransB(dz, wr.value(), null));
        return dx;
    }
}
