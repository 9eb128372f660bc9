package org.forwardlearn.cli.plugin;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.Dense;
import org.forwardlearn.forwardgnn.layer.ConvFactory;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.layer.MessagePassingConv;

/**
 * A plugin conv as a user writes one (the CLI tests' example): m_ij = x_j - x_i (a neighbour's difference from the
 * node), mean aggregation, z = a W_d + x W_r + b. {@link Factory} is its {@link java.util.ServiceLoader} provider.
 */
public final class DifferenceConv extends MessagePassingConv {
    public static final String NAME = "test-difference";
    private final Parameter wd, wr, bias;

    public DifferenceConv(int in, int out, Random rng) {
        super(Aggregation.MEAN);
        DMatrixRMaj d = new DMatrixRMaj(in, out), r = new DMatrixRMaj(in, out);
        Init.GLOROT_UNIFORM.fillWeights(d, rng);
        Init.GLOROT_UNIFORM.fillWeights(r, rng);
        wd = new Parameter("weight_difference", d);
        wr = new Parameter("weight_root", r);
        bias = new Parameter("bias", new DMatrixRMaj(1, out));
    }

    @Override public String kind() { return NAME; }
    @Override public int inputSize() { return wd.value().numRows; }
    @Override public int outputSize() { return wd.value().numCols; }
    @Override public List<Parameter> parameters() { return List.of(wd, wr, bias); }

    @Override public GraphConv copy() {
        DifferenceConv c = new DifferenceConv(inputSize(), outputSize(), new Random(0));
        c.copyParametersFrom(this);
        return c;
    }

    @Override protected int messageWidth() { return inputSize(); }

    @Override protected void message(double[] xj, double[] xi, double[] m) {
        for (int k = 0; k < m.length; k++) m[k] = xj[k] - xi[k];
    }

    @Override protected DMatrixRMaj update(DMatrixRMaj a, DMatrixRMaj x) {
        DMatrixRMaj z = Dense.mult(a, wd.value(), null);
        Dense.multAdd(x, wr.value(), z);
        Dense.addRow(z, bias.value());
        return z;
    }

    @Override protected DMatrixRMaj updateBackward(DMatrixRMaj a, DMatrixRMaj x, DMatrixRMaj dz) {
        Dense.multAddTransA(a, dz, wd.grad());
        Dense.multAddTransA(x, dz, wr.grad());
        Dense.addColumnSums(dz, bias.grad());
        return Dense.multTransB(dz, wd.value(), null);
    }

    /** The ServiceLoader provider (public, no-argument constructor). */
    public static final class Factory implements ConvFactory {
        @Override public String name() { return NAME; }
        @Override public GraphConv create(int in, int out, Random rng) { return new DifferenceConv(in, out, rng); }
    }
}
