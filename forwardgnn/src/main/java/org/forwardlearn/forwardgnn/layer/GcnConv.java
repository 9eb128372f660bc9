package org.forwardlearn.forwardgnn.layer;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.Dense;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.RowStore;

/**
 * GCN (Kipf and Welling 2017): z = Â x W + b, Â = D^-1/2 (A + I) D^-1/2. The product order is chosen
 * per input by cost: aggregate-then-transform (Â x computed once per constant input and cached, kept
 * sparse for bag-of-words inputs; then one product per epoch, restricted to the rows the loss scores)
 * or transform-then-aggregate (when Â x would cost more than x and Â together).
 */
public final class GcnConv implements ProductConv {
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
    @Override public List<Parameter> inputWeights() { return List.of(weight); }

    /** z = Â_rows p + b. */
    @Override
    public Pass fromProducts(org.forwardlearn.forwardgnn.graph.Topology t, DMatrixRMaj[] p, int[] rows) {
        DMatrixRMaj z = t.rowsOf("gcn", rows)[0].mult(p[0], null);
        Dense.addRow(z, bias.value());
        return new Pass(t, p, rows, z, null);
    }

    /** dLoss/dp = Â_rows^T dz. */
    @Override
    public DMatrixRMaj[] backwardFromProducts(Pass pass, DMatrixRMaj dz) {
        Dense.addColumnSums(dz, bias.grad());
        return new DMatrixRMaj[] {pass.topology().rowsOf("gcn", pass.rows())[1].mult(dz, null)};
    }

    /**
     * True when aggregating first is cheaper for this input. A constant input is aggregated once, so
     * only the per-epoch products count: nnz(a x) against nnz(x) + nnz(a) (a x is computed, and cached,
     * to know its size). Otherwise the aggregation is paid every time: dense estimate as before.
     */
    static boolean aggregateFirst(ConvInput in, Csr a, int outSize, Supplier<NodeMatrix> aggregated) {
        if (in.constant()) {
            if (!in.x().isSparse()) return true;
            long budget = in.x().nonZeros() + (long) a.nonZeros();
            // nnz(a x) >= sum over rows of the largest neighbour row: when even that exceeds the budget, do not
            // build a x at all (with SF's dense virtual-node rows it would hold millions of entries)
            if (nonZerosLowerBound(a, in.x().toCsr()) > budget) return false;
            return aggregated.get().nonZeros() <= budget;
        }
        long n = in.x().rows(), f = in.x().cols();
        double at = (double) n * f * outSize + (double) a.nonZeros() * f;
        double ta = (double) in.x().nonZeros() * outSize + (double) a.nonZeros() * outSize;
        return at <= ta;
    }

    /** A lower bound on nnz(a x): for every row of a, the most entries of one row of x it reads. */
    static long nonZerosLowerBound(Csr a, Csr x) {
        long lb = 0;
        for (int i = 0; i < a.rows(); i++) {
            int best = 0;
            for (int k = a.rowStart(i); k < a.rowEnd(i); k++) {
                int j = a.col(k);
                best = Math.max(best, x.rowEnd(j) - x.rowStart(j));
            }
            lb += best;
        }
        return lb;
    }

    private NodeMatrix aggregated(ConvInput in) {
        return in.cached("gcn:Ax", () -> in.x().aggregateNodes(in.topology().gcn()));
    }

    private boolean aggregateFirst(ConvInput in) {
        // a dense constant input always aggregates first: decided without materialising the operator (large graphs
        // aggregate rows straight from the topology and never need it)
        return in.cached("gcn:order", () -> in.constant() && !in.x().isSparse()
                || aggregateFirst(in, in.topology().gcn(), outputSize(), () -> aggregated(in)));
    }

    /** The last x W of a constant input with the W it was computed with (perf proposal P3). */
    private static final class XwMemo { DMatrixRMaj w, xw; }

    /**
     * x W for the transform-first order. For a constant input the last product is kept with a copy of
     * W and reused when W is unchanged (the trainer validates after a step, and the next step
     * multiplies the same x by the same W): comparing W costs far less than the sparse product.
     */
    private DMatrixRMaj xw(ConvInput in) {
        DMatrixRMaj w = weight.value();
        if (!in.constant()) return in.x().times(w, null);
        XwMemo m = in.cached("gcn:xw", XwMemo::new);
        if (m.w != null && m.w.numRows == w.numRows && m.w.numCols == w.numCols && Arrays.equals(m.w.data, 0, w.getNumElements(),
                w.data, 0, w.getNumElements())) {
            return m.xw;
        }
        m.xw = in.x().times(w, m.xw);
        if (m.w == null) m.w = w.copy(); else m.w.setTo(w);
        return m.xw;
    }

    @Override
    public DMatrixRMaj preActivation(ConvInput in) {
        check(in);
        DMatrixRMaj z = aggregateFirst(in)
                ? aggregated(in).times(weight.value(), null)
                : in.topology().gcn().mult(xw(in), null);
        Dense.addRow(z, bias.value());
        return z;
    }

    private static final ThreadLocal<DMatrixRMaj[]> BLOCK_BUFFERS = ThreadLocal.withInitial(
            () -> new DMatrixRMaj[] {new DMatrixRMaj(1, 1), new DMatrixRMaj(1, 1)});

    /** Rows per block of {@link #forwardBlocks} (a graph of fewer rows is one block: the same products as a whole-graph pass). */
    static final int BLOCK_ROWS = 4096;

    /** Â x restricted to {@code rows}, cached per row set: for a dense input straight from the topology (no whole Â x). */
    private NodeMatrix aggregatedRows(ConvInput in, int[] rows) {
        return in.<NodeMatrix>cachedRows("gcn:Ax", rows, () -> {
            RowStore x = RowStore.view(in.x());
            return x != null ? NodeMatrix.dense(x.gcnRows(in.topology(), rows)) : aggregated(in).selectRows(rows);
        });
    }

    /**
     * Streams ReLU(Â x W + b) in row blocks for a dense row-only input (each block aggregates its own rows, then one
     * product): memory = one block per thread, never the whole Â x. Otherwise the whole-graph pass.
     */
    @Override
    public void forwardBlocks(ConvInput in, BlockSink sink) {
        RowStore x = RowStore.view(in.x());
        if (!in.rowsOnly() || x == null || !aggregateFirst(in)) {
            DMatrixRMaj h = forward(in);
            sink.accept(0, h.numRows, h);
            return;
        }
        check(in);
        int n = x.rows(), f = x.cols();
        int blocks = Math.max(1, (n + BLOCK_ROWS - 1) / BLOCK_ROWS);
        org.forwardlearn.core.kernel.Parallel.forBlocks(blocks, 1, (b, b0, b1) -> {
            DMatrixRMaj[] buf = BLOCK_BUFFERS.get(); // per thread, reused: no garbage per block
            for (int blk = b0; blk < b1; blk++) {
                int from = (int) ((long) n * blk / blocks), to = (int) ((long) n * (blk + 1) / blocks);
                DMatrixRMaj ax = buf[0];
                ax.reshape(to - from, f);
                x.gcnRows(in.topology(), null, from, to, ax.data, 0);
                DMatrixRMaj z = Dense.mult(ax, weight.value(), buf[1]);
                Dense.addRow(z, bias.value());
                Dense.relu(z);
                sink.accept(from, to, z);
            }
        });
    }

    @Override
    public DMatrixRMaj preActivation(ConvInput in, int[] rows) {
        check(in);
        DMatrixRMaj z;
        if (aggregateFirst(in)) {
            z = aggregatedRows(in, rows).times(weight.value(), null);
        } else {
            Csr ar = in.topology().rowsOf("gcn", rows)[0];
            z = ar.mult(xw(in), null);
        }
        Dense.addRow(z, bias.value());
        return z;
    }

    @Override
    public DMatrixRMaj forward(ConvInput in, int[] rows, DMatrixRMaj out) {
        check(in);
        DMatrixRMaj z;
        if (aggregateFirst(in)) {
            z = aggregatedRows(in, rows).times(weight.value(), out);
        } else {
            z = in.topology().rowsOf("gcn", rows)[0].mult(xw(in), out);
        }
        Dense.addRowRelu(z, bias.value()); // one pass over the rows: the values of addRow then relu
        return z;
    }

    /**
     * The local gradient on the given rows; for an aggregate-first input the ReLU mask and the bias gradient are one pass
     * over dh (the same values as the default: reluBackward, then backward).
     */
    @Override
    public void localGradient(ConvInput in, int[] rows, DMatrixRMaj h, DMatrixRMaj dh) {
        if (!aggregateFirst(in)) {
            backward(in, rows, Dense.reluBackward(h, dh, dh));
            return;
        }
        Dense.reluBackwardColumnSums(h, dh, bias.grad());
        aggregatedRows(in, rows).addTransposeTimes(dh, weight.grad());
    }

    @Override
    public void backward(ConvInput in, DMatrixRMaj dz) {
        if (aggregateFirst(in)) {
            aggregated(in).addTransposeTimes(dz, weight.grad());
        } else {
            in.x().addTransposeTimes(in.topology().gcnTransposed().mult(dz, null), weight.grad());
        }
        Dense.addColumnSums(dz, bias.grad());
    }

    @Override
    public void backward(ConvInput in, int[] rows, DMatrixRMaj dzRows) {
        if (aggregateFirst(in)) {
            aggregatedRows(in, rows).addTransposeTimes(dzRows, weight.grad());
        } else {
            Csr arT = in.topology().rowsOf("gcn", rows)[1];
            DMatrixRMaj g = arT.mult(dzRows, null);
            in.x().addTransposeTimes(g, weight.grad());
        }
        Dense.addColumnSums(dzRows, bias.grad());
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
