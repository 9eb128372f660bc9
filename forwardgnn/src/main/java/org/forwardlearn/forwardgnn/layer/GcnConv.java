package org.forwardlearn.forwardgnn.layer;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.Dense;

/**
 * GCN (Kipf and Welling 2017): z = Â x W + b, Â = D^-1/2 (A + I) D^-1/2. The product order is chosen
 * per input by cost: aggregate-then-transform (Â x cached, one dense product per epoch) or
 * transform-then-aggregate (cheaper for sparse bag-of-words inputs).
 */
public final class GcnConv implements GraphConv {
    private final Parameter weight, bias;

    public GcnConv(int in, int out, Random rng) {
        DMatrixRMaj w = new DMatrixRMaj(in, out);
        Init.GLOROT_UNIFORM.fillWeights(w, rng);
        weight = new Parameter("weight", w);
        bias = new Parameter("bias", new DMatrixRMaj(1, out));
    }

    private GcnConv(GcnConv o) {
        weight = new Parameter("weight", o.weight.value().copy());
        bias = new Parameter("bias", o.bias.value().copy());
    }

    @Override public String kind() { return "gcn"; }
    @Override public int inputSize() { return weight.value().numRows; }
    @Override public int outputSize() { return weight.value().numCols; }
    @Override public List<Parameter> parameters() { return List.of(weight, bias); }
    @Override public GraphConv copy() { return new GcnConv(this); }

    /** True when aggregating first is cheaper for this input (see the class comment). */
    static boolean aggregateFirst(ConvInput in, Csr a, int outSize) {
        long n = in.x().rows(), f = in.x().cols();
        double at = (double) n * f * outSize + (in.constant() ? 0 : (double) a.nonZeros() * f);
        double ta = (double) in.x().nonZeros() * outSize + (double) a.nonZeros() * outSize;
        return at <= ta;
    }

    private DMatrixRMaj aggregated(ConvInput in) {
        return in.cached("gcn:Ax", () -> in.x().aggregate(in.topology().gcn()));
    }

    @Override
    public DMatrixRMaj preActivation(ConvInput in) {
        check(in);
        Csr a = in.topology().gcn();
        DMatrixRMaj z;
        if (aggregateFirst(in, a, outputSize())) {
            z = Dense.mult(aggregated(in), weight.value(), null);
        } else {
            z = a.mult(in.x().times(weight.value(), null), null);
        }
        Dense.addRow(z, bias.value());
        return z;
    }

    @Override
    public void backward(ConvInput in, DMatrixRMaj dz) {
        Csr a = in.topology().gcn();
        DMatrixRMaj gw;
        if (aggregateFirst(in, a, outputSize())) {
            gw = Dense.multTransA(aggregated(in), dz, null);
        } else {
            gw = in.x().transposeTimes(in.topology().gcnTransposed().mult(dz, null), null);
        }
        add(weight.grad(), gw);
        Dense.addColumnSums(dz, bias.grad());
    }

    @Override
    public DMatrixRMaj inputGradient(ConvInput in, DMatrixRMaj dz) {
        return Dense.multTransB(in.topology().gcnTransposed().mult(dz, null), weight.value(), null);
    }

    private void check(ConvInput in) {
        if (in.x().cols() != inputSize()) {
            throw new IllegalArgumentException("Expected input with " + inputSize() + " columns (got " + in.x().cols() + ")");
        }
    }

    static void add(DMatrixRMaj acc, DMatrixRMaj g) {
        for (int i = 0; i < g.getNumElements(); i++) acc.data[i] += g.data[i];
    }
}
