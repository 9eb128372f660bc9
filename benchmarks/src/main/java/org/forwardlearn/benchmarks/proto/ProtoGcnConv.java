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
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GcnConv;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * forwardgnn's {@link GcnConv} (same parameters, same product order, same results up to rounding)
 * with the proposed optimisations switchable one by one, to measure what each buys end to end:
 * <ul>
 *   <li>{@code dense}: dense products through core's {@link Kernels} (netlib) instead of EJML's
 *       multi-threaded ops ({@code Dense.mult}), or {@code pgemm}: netlib split over the cores;</li>
 *   <li>{@code sparse}: the register-blocked Vector-API CSR kernel of {@link SparseKernels};</li>
 *   <li>{@code memo}: reuse the forward output when the weights did not change since the last forward
 *       on the same input (the trainer validates after the step, so the next epoch's forward repeats
 *       the validation forward).</li>
 * </ul>
 */
public final class ProtoGcnConv implements GraphConv {
    /** Which optimisations are on. */
    public record Options(boolean dense, boolean pgemm, boolean sparse, boolean memo, int threads) {
        public static Options parse(String spec) {
            List<String> s = Arrays.asList(spec.split(","));
            return new Options(s.contains("dense"), s.contains("pgemm"), s.contains("sparse"), s.contains("memo"),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private final GcnConv base;
    private final Parameter weight, bias;
    private final Options opt;
    private static final Map<Csr, CsrArrays> ARRAYS = new IdentityHashMap<>();
    private ConvInput lastIn;
    private double[] lastW, lastB;
    private DMatrixRMaj lastZ;

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

    static synchronized CsrArrays arrays(Csr m) { return ARRAYS.computeIfAbsent(m, CsrArrays::of); }

    private static boolean aggregateFirst(ConvInput in, Csr a, int outSize) {
        long n = in.x().rows(), f = in.x().cols();
        double at = (double) n * f * outSize + (in.constant() ? 0 : (double) a.nonZeros() * f);
        double ta = (double) in.x().nonZeros() * outSize + (double) a.nonZeros() * outSize;
        return at <= ta;
    }

    private DMatrixRMaj dense(boolean transA, DMatrixRMaj a, DMatrixRMaj b) {
        if (opt.pgemm()) return ParallelGemm.gemm(transA, false, a, b, null, opt.threads());
        if (opt.dense()) return transA ? Kernels.multTransA(a, b, null) : Kernels.mult(a, b, null);
        return transA ? Dense.multTransA(a, b, null) : Dense.mult(a, b, null);
    }

    private DMatrixRMaj sparse(Csr a, DMatrixRMaj b) {
        return opt.sparse() ? SparseKernels.mult(arrays(a), b, null, opt.threads()) : a.mult(b, null);
    }

    private DMatrixRMaj aggregated(ConvInput in) {
        return in.cached("gcn:Ax", () -> in.x().aggregate(in.topology().gcn()));
    }

    @Override
    public DMatrixRMaj preActivation(ConvInput in) {
        if (opt.memo() && in == lastIn && Arrays.equals(weight.value().data, lastW) && Arrays.equals(bias.value().data, lastB)) {
            return lastZ.copy();
        }
        Csr a = in.topology().gcn();
        DMatrixRMaj z;
        if (aggregateFirst(in, a, outputSize())) {
            z = dense(false, aggregated(in), weight.value());
        } else if (in.x().isSparse()) {
            Csr x = in.cached("proto:X", () -> in.x().toCsr());
            z = sparse(a, sparse(x, weight.value()));
        } else {
            z = sparse(a, in.x().times(weight.value(), null));
        }
        Dense.addRow(z, bias.value());
        if (opt.memo()) {
            lastIn = in;
            lastW = weight.value().data.clone();
            lastB = bias.value().data.clone();
            lastZ = z.copy();
        }
        return z;
    }

    @Override
    public void backward(ConvInput in, DMatrixRMaj dz) {
        Csr a = in.topology().gcn();
        DMatrixRMaj gw;
        if (aggregateFirst(in, a, outputSize())) {
            gw = dense(true, aggregated(in), dz);
        } else {
            DMatrixRMaj ad = sparse(in.topology().gcnTransposed(), dz);
            if (in.x().isSparse() && opt.sparse()) {
                Csr xt = in.cached("proto:Xt", () -> in.x().toCsr().transpose());
                gw = sparse(xt, ad);
            } else {
                gw = in.x().transposeTimes(ad, null);
            }
        }
        double[] acc = weight.grad().data;
        for (int i = 0; i < gw.getNumElements(); i++) acc[i] += gw.data[i];
        Dense.addColumnSums(dz, bias.grad());
    }

    @Override
    public DMatrixRMaj inputGradient(ConvInput in, DMatrixRMaj dz) { return base.inputGradient(in, dz); }
}
