package org.forwardlearn.forwardgnn.layer;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.Dense;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;

/**
 * GraphSAGE with mean aggregation and a root weight (as PyG's SAGEConv): z = mean_j(x_j) W_l + b + x W_r.
 * The mean aggregation is cached (sparse for sparse inputs) when the input is constant and aggregating
 * first is cheaper; row-restricted products serve the rows a loss scores.
 */
public final class SageConv implements ProductConv {
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
    @Override public List<Parameter> inputWeights() { return List.of(wl, wr); }

    /** z = M_rows p_l + (p_r)_rows + b. */
    @Override
    public Pass fromProducts(org.forwardlearn.forwardgnn.graph.Topology t, DMatrixRMaj[] p, int[] rows) {
        DMatrixRMaj z = t.rowsOf("mean", rows)[0].mult(p[0], null);
        int d = z.numCols;
        if (rows == null) {
            GcnConv.add(z, p[1]);
        } else {
            for (int r = 0; r < rows.length; r++) for (int j = 0; j < d; j++) z.data[r * d + j] += p[1].data[rows[r] * d + j];
        }
        Dense.addRow(z, bias.value());
        return new Pass(t, p, rows, z, null);
    }

    /** dLoss/dp_l = M_rows^T dz; dLoss/dp_r = dz scattered to its rows. */
    @Override
    public DMatrixRMaj[] backwardFromProducts(Pass pass, DMatrixRMaj dz) {
        Dense.addColumnSums(dz, bias.grad());
        DMatrixRMaj dl = pass.topology().rowsOf("mean", pass.rows())[1].mult(dz, null);
        DMatrixRMaj dr = dz;
        int[] rows = pass.rows();
        if (rows != null) {
            int d = dz.numCols;
            dr = new DMatrixRMaj(pass.p()[1].numRows, d);
            for (int r = 0; r < rows.length; r++) System.arraycopy(dz.data, r * d, dr.data, rows[r] * d, d);
        }
        return new DMatrixRMaj[] {dl, dr};
    }

    private NodeMatrix aggregated(ConvInput in) {
        return in.cached("sage:Mx", () -> in.x().aggregateNodes(in.topology().mean()));
    }

    private boolean aggregateFirst(ConvInput in) {
        return in.cached("sage:order", () -> GcnConv.aggregateFirst(in, in.topology().mean(), outputSize(), () -> aggregated(in)));
    }

    private void check(ConvInput in) {
        if (in.x().cols() != inputSize()) {
            throw new IllegalArgumentException("Expected input with " + inputSize() + " columns (got " + in.x().cols() + ")");
        }
    }

    @Override
    public DMatrixRMaj preActivation(ConvInput in) {
        check(in);
        Csr m = in.topology().mean();
        DMatrixRMaj z = aggregateFirst(in)
                ? aggregated(in).times(wl.value(), null)
                : m.mult(in.x().times(wl.value(), null), null);
        GcnConv.add(z, in.x().times(wr.value(), null));
        Dense.addRow(z, bias.value());
        return z;
    }

    @Override
    public DMatrixRMaj preActivation(ConvInput in, int[] rows) {
        check(in);
        DMatrixRMaj z;
        if (aggregateFirst(in)) {
            z = in.<NodeMatrix>cachedRows("sage:Mx", rows, () -> aggregated(in).selectRows(rows)).times(wl.value(), null);
        } else {
            Csr mr = in.topology().rowsOf("mean", rows)[0];
            z = mr.mult(in.x().times(wl.value(), null), null);
        }
        GcnConv.add(z, rowsOf(in, rows).times(wr.value(), null));
        Dense.addRow(z, bias.value());
        return z;
    }

    private static NodeMatrix rowsOf(ConvInput in, int[] rows) {
        return in.cachedRows("x", rows, () -> in.x().selectRows(rows));
    }

    @Override
    public void backward(ConvInput in, DMatrixRMaj dz) {
        if (aggregateFirst(in)) {
            aggregated(in).addTransposeTimes(dz, wl.grad());
        } else {
            in.x().addTransposeTimes(in.topology().meanTransposed().mult(dz, null), wl.grad());
        }
        in.x().addTransposeTimes(dz, wr.grad());
        Dense.addColumnSums(dz, bias.grad());
    }

    @Override
    public void backward(ConvInput in, int[] rows, DMatrixRMaj dzRows) {
        if (aggregateFirst(in)) {
            in.<NodeMatrix>cachedRows("sage:Mx", rows, () -> aggregated(in).selectRows(rows)).addTransposeTimes(dzRows, wl.grad());
        } else {
            Csr mrT = in.topology().rowsOf("mean", rows)[1];
            DMatrixRMaj g = mrT.mult(dzRows, null);
            in.x().addTransposeTimes(g, wl.grad());
        }
        rowsOf(in, rows).addTransposeTimes(dzRows, wr.grad());
        Dense.addColumnSums(dzRows, bias.grad());
    }

    @Override
    public DMatrixRMaj inputGradient(ConvInput in, DMatrixRMaj dz) {
        DMatrixRMaj dx = Dense.multTransB(in.topology().meanTransposed().mult(dz, null), wl.value(), null);
        Dense.gemmAddTransB(dz, wr.value(), dx);
        return dx;
    }
}
