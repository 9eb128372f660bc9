package org.forwardlearn.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.ejml.data.DGrowArray;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.FMatrixRMaj;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.forwardlearn.benchmarks.proto.CsrArrays;
import org.forwardlearn.benchmarks.proto.SparseKernels;
import org.forwardlearn.forwardgnn.graph.Csr;
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
 * Sparse x dense products of SF-GCN layer 0 (the sparse bag-of-words layer), per epoch:
 * forward {@code XW} = X (nodes x features) W0 (features x 128) and {@code AH} = Â (XW);
 * backward {@code AtG} = Â^T dZ and {@code XtG} = X^T (Â^T dZ) (the weight gradient, via the cached
 * transpose). Implementations: forwardgnn's {@code Csr.mult} (row-parallel on the common pool), EJML
 * {@code CommonOps_DSCC.mult}/{@code multTransA} (single thread; XtG without a transpose), and the
 * prototype Vector-API kernel (1 thread and all cores, double and float).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx2g"})
public class SparseDenseBench {
    @Param({"citationfull-cora_ml", "citationfull-citeseer"})
    public String dataset;

    @Param({"XW", "AH", "AtG", "XtG"})
    public String op;

    private Csr csr, scatterSource;
    private CsrArrays arr;
    private float[] fvals;
    private DMatrixSparseCSC csc;
    private boolean cscTransA;
    private DMatrixRMaj b, out;
    private FMatrixRMaj bf, outF;
    private final DGrowArray work = new DGrowArray();
    private int threads;

    @Setup(Level.Trial)
    public void setup() {
        GnnOperands o = new GnnOperands(dataset);
        System.out.println("\n" + dataset + ": " + o);
        threads = Runtime.getRuntime().availableProcessors();
        switch (op) {
            case "XW" -> { csr = o.x; arr = o.xArr; csc = o.xCsc; b = o.w0; }
            case "AH" -> { csr = o.a; arr = o.aArr; csc = o.aCsc; b = o.h; }
            case "AtG" -> { scatterSource = o.a; csr = o.at; arr = o.atArr; csc = o.aCsc; cscTransA = true; b = o.g; }
            case "XtG" -> { scatterSource = o.x; csr = o.xt; arr = o.xtArr; csc = o.xCsc; cscTransA = true; b = o.g; }
            default -> throw new IllegalArgumentException(op);
        }
        out = new DMatrixRMaj(csr.rows(), b.numCols);
        fvals = arr.floatVals();
        bf = new FMatrixRMaj(b.numRows, b.numCols);
        for (int i = 0; i < b.data.length; i++) bf.data[i] = (float) b.data[i];
        outF = new FMatrixRMaj(csr.rows(), b.numCols);
        checkAgreement();
    }

    /** The prototype must agree with forwardgnn's kernel (1e-10 relative) before it is timed. */
    private void checkAgreement() {
        DMatrixRMaj ref = csr.mult(b, null), p = SparseKernels.mult(csr, b, null, threads);
        DMatrixRMaj e = new DMatrixRMaj(1, 1);
        if (cscTransA) CommonOps_DSCC.multTransA(csc, b, e, work); else CommonOps_DSCC.mult(csc, b, e);
        double max = 0, diff = 0, diffE = 0;
        for (int i = 0; i < ref.data.length; i++) {
            max = Math.max(max, Math.abs(ref.data[i]));
            diff = Math.max(diff, Math.abs(ref.data[i] - p.data[i]));
            diffE = Math.max(diffE, Math.abs(ref.data[i] - e.data[i]));
        }
        if (diff > 1e-10 * max || diffE > 1e-10 * max) {
            throw new IllegalStateException("Expected agreement to 1e-10 relative (got " + diff / max + ", ejml " + diffE / max + ")");
        }
    }

    @Benchmark
    public DMatrixRMaj forwardgnnCsr() { return csr.mult(b, out); }

    /** X^T G / Â^T G as forwardgnn now computes it: a scatter over the rows of X (Â), no transpose. */
    @Benchmark
    public DMatrixRMaj forwardgnnScatter() {
        if (scatterSource == null) return out;
        out.reshape(scatterSource.cols(), b.numCols);
        out.zero();
        scatterSource.multAddTransposed(b, out);
        return out;
    }

    @Benchmark
    public DMatrixRMaj ejmlDscc() {
        return cscTransA ? CommonOps_DSCC.multTransA(csc, b, out, work) : CommonOps_DSCC.mult(csc, b, out);
    }

    @Benchmark
    public DMatrixRMaj protoVector1t() { return SparseKernels.mult(csr, b, out, 1); }

    @Benchmark
    public DMatrixRMaj protoVectorMt() { return SparseKernels.mult(csr, b, out, threads); }

    @Benchmark
    public FMatrixRMaj protoVectorFloatMt() { return SparseKernels.mult(arr, fvals, bf, outF, threads); }
}
