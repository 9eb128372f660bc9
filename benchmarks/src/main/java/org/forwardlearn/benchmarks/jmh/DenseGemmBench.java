package org.forwardlearn.benchmarks.jmh;

import dev.ludovic.netlib.blas.BLAS;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.forwardlearn.benchmarks.proto.ParallelGemm;
import org.forwardlearn.core.kernel.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Dense products of GCN layers >= 1 (input 128 wide, aggregate-then-transform): forward
 * {@code (ÂH) W} = (nodes x 128)(128 x 128) and the weight gradient {@code (ÂH)^T dZ} = (128 x nodes)
 * (nodes x 128), at Cora_ML (3002 nodes with the 7 virtual nodes) and CiteSeer (4236) sizes; plus the
 * large product (nodes x 2879)(2879 x 128) that a dense-feature layer 0 would need. Shape
 * "m,k,n,t": C (m x n) = op(A) B with A m x k, or A^T B with A k x m when t = T.
 * Implementations: EJML single thread, EJML concurrent ops (what forwardgnn used up to 97f6bae; it now
 * calls core Kernels), core's {@code Kernels} (netlib; the backend chosen at run time), the prototype
 * row-split parallel netlib, and float (EJML, netlib sgemm).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class DenseGemmBench {
    @Param({"3002,128,128,N", "3002,128,128,T", "4236,128,128,N", "4236,128,128,T", "3002,2879,128,N", "3002,2879,128,T"})
    public String shape;

    private DMatrixRMaj a, b, c;
    private FMatrixRMaj af, bf, cf;
    private boolean transA;
    private int m, k, n, threads;
    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

    @Setup(Level.Trial)
    public void setup() {
        String[] s = shape.split(",");
        m = Integer.parseInt(s[0]);
        k = Integer.parseInt(s[1]);
        n = Integer.parseInt(s[2]);
        transA = s[3].equals("T");
        Random rng = new Random(3);
        a = transA ? GnnOperands.random(k, m, rng) : GnnOperands.random(m, k, rng);
        b = GnnOperands.random(k, n, rng);
        c = new DMatrixRMaj(m, n);
        af = toFloat(a); bf = toFloat(b); cf = new FMatrixRMaj(m, n);
        threads = Runtime.getRuntime().availableProcessors();
        System.out.println("\nbackend " + Kernels.describe() + ", netlib " + ParallelGemm.implementation() + ", "
                + (2.0 * m * n * k / 1e9) + " GFLOP per call");
        DMatrixRMaj ref = transA ? CommonOps_DDRM.multTransA(a, b, null) : CommonOps_DDRM.mult(a, b, null);
        DMatrixRMaj p = ParallelGemm.gemm(transA, false, a, b, null, threads);
        double max = 0, diff = 0;
        for (int i = 0; i < ref.data.length; i++) { max = Math.max(max, Math.abs(ref.data[i])); diff = Math.max(diff, Math.abs(ref.data[i] - p.data[i])); }
        if (diff > 1e-10 * max) throw new IllegalStateException("Expected agreement to 1e-10 relative (got " + diff / max + ")");
    }

    private static FMatrixRMaj toFloat(DMatrixRMaj d) {
        FMatrixRMaj f = new FMatrixRMaj(d.numRows, d.numCols);
        for (int i = 0; i < d.data.length; i++) f.data[i] = (float) d.data[i];
        return f;
    }

    @Benchmark
    public DMatrixRMaj ejml1t() {
        if (transA) CommonOps_DDRM.multTransA(a, b, c); else CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    @Benchmark
    public DMatrixRMaj ejmlConcurrent() {
        if (transA) org.ejml.dense.row.CommonOps_MT_DDRM.multTransA(a, b, c); else org.ejml.dense.row.CommonOps_MT_DDRM.mult(a, b, c);
        return c;
    }

    @Benchmark
    public DMatrixRMaj coreKernels() { return transA ? Kernels.multTransA(a, b, c) : Kernels.mult(a, b, c); }

    @Benchmark
    public DMatrixRMaj protoParallelNetlib() { return ParallelGemm.gemm(transA, false, a, b, c, threads); }

    @Benchmark
    public FMatrixRMaj ejmlFloat1t() {
        if (transA) CommonOps_FDRM.multTransA(af, bf, cf); else CommonOps_FDRM.mult(af, bf, cf);
        return cf;
    }

    @Benchmark
    public FMatrixRMaj netlibFloat1t() {
        BLAS_INSTANCE.sgemm("N", transA ? "T" : "N", n, m, k, 1f, bf.data, 0, n, af.data, 0, af.numCols, 0f, cf.data, 0, n);
        return cf;
    }
}
