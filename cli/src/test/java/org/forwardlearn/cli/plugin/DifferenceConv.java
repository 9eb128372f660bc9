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
 * node), mean aggregation, z = [a | x] W + b (one weight over the concatenation). {@link Factory} is its
 * {@link java.util.ServiceLoader} provider.
 */
public final class DifferenceConv extends MessagePassingConv {
    public static final String NAME = "test-difference";
    private final int in;
    private final Parameter w, bias;

    public DifferenceConv(int in, int out, Random rng) {
        super(Aggregation.MEAN);
        this.in = in;
        DMatrixRMaj m = new DMatrixRMaj(2 * in, out);
        Init.GLOROT_UNIFORM.fillWeights(m, rng);
        w = new Parameter("weight", m);
        bias = new Parameter("bias", new DMatrixRMaj(1, out));
    }

    @Override public String kind() { return NAME; }
    @Override public int inputSize() { return in; }
    @Override public int outputSize() { return w.value().numCols; }
    @Override public List<Parameter> parameters() { return List.of(w, bias); }

    @Override public GraphConv copy() {
        DifferenceConv c = new DifferenceConv(in, outputSize(), new Random(0));
        c.copyParametersFrom(this);
        return c;
    }

    @Override protected int messageWidth() { return in; }

    @Override protected void message(double[] xj, double[] xi, double[] m) {
        for (int k = 0; k < m.length; k++) m[k] = xj[k] - xi[k];
    }

    /** [a | x], nodes x 2 in. */
    private static DMatrixRMaj concat(DMatrixRMaj a, DMatrixRMaj x) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, a.numCols + x.numCols);
        org.ejml.dense.row.CommonOps_DDRM.insert(a, c, 0, 0);
        org.ejml.dense.row.CommonOps_DDRM.insert(x, c, 0, a.numCols);
        return c;
    }

    @Override protected DMatrixRMaj update(DMatrixRMaj a, DMatrixRMaj x) {
        DMatrixRMaj z = Dense.mult(concat(a, x), w.value(), null);
        Dense.addRow(z, bias.value());
        return z;
    }

    /** dW += [a | x]^T dz, db += column sums; dLoss/da = dz W_a^T (the first {@code in} rows of W). */
    @Override protected DMatrixRMaj updateBackward(DMatrixRMaj a, DMatrixRMaj x, DMatrixRMaj dz) {
        Dense.multAddTransA(concat(a, x), dz, w.grad());
        Dense.addColumnSums(dz, bias.grad());
        DMatrixRMaj wa = org.ejml.dense.row.CommonOps_DDRM.extract(w.value(), 0, in, 0, w.value().numCols);
        return Dense.multTransB(dz, wa, null);
    }

    /** The ServiceLoader provider (public, no-argument constructor). */
    public static final class Factory implements ConvFactory {
        @Override public String name() { return NAME; }
        @Override public GraphConv create(int in, int out, Random rng) { return new DifferenceConv(in, out, rng); }
    }
}
