package org.forwardlearn.benchmarks.proto;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.Dense;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GcnConv;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * forwardgnn's {@link GcnConv} (same parameters, same product order and row restriction as the
 * current GcnConv, same results up to rounding) with the proposed optimisations switchable one by
 * one, to measure what each buys end to end:
 * <ul>
 *   <li>{@code sparse}: the register-blocked Vector-API CSR kernel of {@link SparseKernels} for every
 *       sparse x dense product, and X^T g / Â_R^T dz as gathers over cached transposes instead of
 *       scatters ({@code Csr.multAddTransposed});</li>
 *   <li>{@code pgemm}: dense products split over the cores ({@link ParallelGemm}) instead of core's
 *       single-threaded {@link Kernels};</li>
 *   <li>{@code memo}: in transform-then-aggregate layers, reuse x W when W did not change since it was
 *       last computed (the trainer validates after the step, so the next step repeats that product).</li>
 * </ul>
 */
public final class ProtoGcnConv implements GraphConv {
    /** Which optimisations are on. */
    public record Options(boolean sparse, boolean pgemm, boolean memo, int threads) {
        public static Options parse(String spec) {
            List<String> s = Arrays.asList(spec.split(","));
            return new Options(s.contains("sparse"), s.contains("pgemm"), s.contains("memo"),
                    s.contains("1t") ? 1 : Runtime.getRuntime().availableProcessors());
        }
    }

    private final GcnConv base;
    private final Parameter weight, bias;
    private final Options opt;
    private static final Map<Csr, CsrArrays> ARRAYS = new IdentityHashMap<>();
    private ConvInput xwIn;
    private double[] xwW;
    private DMatrixRMaj xw;

    public ProtoGcnConv(GcnConv base, Options opt) {
        this.base = base;
        this.weight = base.parameters().get(0);
        this.bias = base.parameters().get(1);
        this.opt = opt;
    }

    @Override public String kind() { return "gcn"; }
    @Override public int inputSize() { return base.inputSize(); }
    @Override public int outputSize() { return base.outputSize(); }
    @Override public List<Parameter> parameters() { return base.parameters(); }
    @Override public GraphConv copy() { return new ProtoGcnConv((GcnConv) base.copy(), opt); }
    /** Every row (through the row-restricted path, so that Â x is never materialised when not used). */
    @Override public DMatrixRMaj preActivation(ConvInput in) {
        int[] all = in.cached("proto:all", () -> java.util.stream.IntStream.range(0, in.x().rows()).toArray());
        return preActivation(in, all);
    }
    @Override public void backward(ConvInput in, DMatrixRMaj dz) { base.backward(in, dz); }
    @Override public DMatrixRMaj inputGradient(ConvInput in, DMatrixRMaj dz) { return base.inputGradient(in, dz); }

    static synchronized CsrArrays arrays(Csr m) { return ARRAYS.computeIfAbsent(m, CsrArrays::of); }

    private NodeMatrix aggregated(ConvInput in) {
        return in.cached("gcn:Ax", () -> in.x().aggregateNodes(in.topology().gcn()));
    }

    /**
     * The same decision rule as the current GcnConv for constant inputs, but nnz(Â x) is counted
     * symbolically ({@link #productNonZeros}) instead of materialising Â x: with the virtual nodes'
     * dense features every training row of Â x is dense, so the materialised product (which the
     * current GcnConv keeps cached even when it then chooses transform-then-aggregate) dominates the heap.
     */
    private boolean aggregateFirst(ConvInput in) {
        return in.cached("proto:order", () -> !in.x().isSparse()
                || productNonZeros(arrays(in.topology().gcn()), arrays(in.x().toCsr()))
                        <= in.x().nonZeros() + (long) in.topology().gcn().nonZeros());
    }

    /** nnz(a b) without computing values (one int mark array of b.cols). */
    public static long productNonZeros(CsrArrays a, CsrArrays b) {
        int[] mark = new int[b.cols()];
        Arrays.fill(mark, -1);
        long nnz = 0;
        for (int i = 0; i < a.rows(); i++) {
            for (int k = a.rowPtr()[i]; k < a.rowPtr()[i + 1]; k++) {
                int r = a.colIdx()[k];
                for (int q = b.rowPtr()[r]; q < b.rowPtr()[r + 1]; q++) {
                    int c = b.colIdx()[q];
                    if (mark[c] != i) { mark[c] = i; nnz++; }
                }
            }
        }
        return nnz;
    }

    private DMatrixRMaj sparse(Csr a, DMatrixRMaj b) {
        return opt.sparse() ? SparseKernels.mult(a, b, null, opt.threads()) : a.mult(b, null);
    }

    private DMatrixRMaj times(NodeMatrix m, DMatrixRMaj w) {
        if (m.isSparse()) return sparse(m.toCsr(), w);
        if (opt.pgemm()) return ParallelGemm.gemm(false, false, m.toDense(), w, null, opt.threads());
        return Kernels.mult(m.toDense(), w, null);
    }

    /** acc += m^T g. */
    private void addTransposeTimes(ConvInput in, String key, NodeMatrix m, DMatrixRMaj g, DMatrixRMaj acc) {
        DMatrixRMaj p;
        if (m.isSparse() && opt.sparse()) {
            Csr t = in.cached(key, () -> m.toCsr().transpose());
            p = sparse(t, g);
        } else if (!m.isSparse() && opt.pgemm()) {
            p = ParallelGemm.gemm(true, false, m.toDense(), g, null, opt.threads());
        } else {
            m.addTransposeTimes(g, acc);
            return;
        }
        for (int i = 0; i < p.data.length; i++) acc.data[i] += p.data[i];
    }

    private DMatrixRMaj xw(ConvInput in) {
        if (opt.memo() && in == xwIn && Arrays.equals(weight.value().data, xwW)) return xw;
        DMatrixRMaj r = times(in.x(), weight.value());
        if (opt.memo()) { xwIn = in; xwW = weight.value().data.clone(); xw = r; }
        return r;
    }

    @Override
    public DMatrixRMaj preActivation(ConvInput in, int[] rows) {
        DMatrixRMaj z;
        if (aggregateFirst(in)) {
            z = times(in.<NodeMatrix>cachedRows("gcn:Ax", rows, () -> aggregated(in).selectRows(rows)), weight.value());
        } else {
            Csr ar = in.cachedRows("gcn:A", rows, () -> in.topology().gcn().selectRows(rows));
            z = sparse(ar, xw(in));
        }
        Dense.addRow(z, bias.value());
        return z;
    }

    @Override
    public void backward(ConvInput in, int[] rows, DMatrixRMaj dzRows) {
        if (aggregateFirst(in)) {
            NodeMatrix axr = in.cachedRows("gcn:Ax", rows, () -> aggregated(in).selectRows(rows));
            addTransposeTimes(in, "proto:AxT" + System.identityHashCode(rows), axr, dzRows, weight.grad());
        } else {
            Csr ar = in.cachedRows("gcn:A", rows, () -> in.topology().gcn().selectRows(rows));
            DMatrixRMaj g;
            if (opt.sparse()) {
                Csr art = in.cachedRows("proto:AT", rows, ar::transpose);
                g = sparse(art, dzRows);
            } else {
                g = new DMatrixRMaj(in.x().rows(), dzRows.numCols);
                ar.multAddTransposed(dzRows, g);
            }
            addTransposeTimes(in, "proto:XT", in.x(), g, weight.grad());
        }
        Dense.addColumnSums(dzRows, bias.grad());
    }
}
