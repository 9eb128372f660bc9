package org.forwardlearn.benchmarks.jmh;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.ejml.data.DGrowArray;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.sparse.csc.CommonOps_DSCC;
import org.forwardlearn.benchmarks.proto.CsrArrays;
import org.forwardlearn.benchmarks.proto.ParallelGemm;
import org.forwardlearn.benchmarks.proto.SparseKernels;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.Dense;

/**
 * A load-robust companion of the JMH benchmarks for a shared, overloaded machine: the same kernels,
 * timed by the process CPU time per call (all threads) and wall time per call, median over blocks
 * after a warm-up. On an idle machine, wall time is what matters and JMH is the reference; when the
 * load average is far above the core count, wall time mostly measures the scheduler, and CPU time
 * per call is the comparable quantity (for multi-threaded kernels it is the sum over threads).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar org.forwardlearn.benchmarks.jmh.CpuTimer</pre>
 */
public final class CpuTimer {
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time of all live threads (ns resolution, unlike the process CPU time which ticks in 10 ms). */
    static long cpuNanos() {
        long s = 0;
        for (long id : THREADS.getAllThreadIds()) {
            long t = THREADS.getThreadCpuTime(id);
            if (t > 0) s += t;
        }
        return s;
    }

    private CpuTimer() { }

    public static void main(String[] args) {
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "load average %.2f, %d cores, backend %s%n", OS.getSystemLoadAverage(), threads, Kernels.describe());
        System.out.println("| dataset | op | implementation | CPU ms/call (median) | wall ms/call (median) | GFLOP/s of CPU time |");
        System.out.println("|---|---|---|---|---|---|");
        for (String ds : List.of("citationfull-cora_ml", "citationfull-citeseer")) {
            GnnOperands o = new GnnOperands(ds);
            String name = ds.replace("citationfull-", "");
            sparse(name, "XW", o.x, o.xArr, o.xCsc, false, o.w0, threads, null);
            sparse(name, "AH", o.a, o.aArr, o.aCsc, false, o.h, threads, null);
            sparse(name, "AtG", o.at, o.atArr, o.aCsc, true, o.g, threads, o.a);
            sparse(name, "XtG", o.xt, o.xtArr, o.xCsc, true, o.g, threads, o.x);
            DMatrixRMaj w1 = GnnOperands.random(128, 128, new java.util.Random(1));
            dense(name, "(AH)W", o.h, w1, false, threads);
            dense(name, "(AH)^T G", o.h, o.g, true, threads);
        }
        DMatrixRMaj big = GnnOperands.random(3002, 2879, new java.util.Random(2));
        DMatrixRMaj w0 = GnnOperands.random(2879, 128, new java.util.Random(3));
        dense("cora_ml", "X_dense W0 (3002x2879x128)", big, w0, false, threads);
    }

    static void sparse(String ds, String op, Csr csr, CsrArrays arr, org.ejml.data.DMatrixSparseCSC csc, boolean transA,
                       DMatrixRMaj b, int threads, Csr scatterSource) {
        DMatrixRMaj out = new DMatrixRMaj(csr.rows(), b.numCols);
        DGrowArray work = new DGrowArray();
        float[] fv = arr.floatVals();
        FMatrixRMaj bf = new FMatrixRMaj(b.numRows, b.numCols);
        for (int i = 0; i < b.data.length; i++) bf.data[i] = (float) b.data[i];
        FMatrixRMaj of = new FMatrixRMaj(csr.rows(), b.numCols);
        double flops = 2.0 * arr.nonZeros() * b.numCols;
        Map<String, Supplier<Object>> impls = new LinkedHashMap<>();
        impls.put("forwardgnn Csr.mult", () -> csr.mult(b, out));
        if (scatterSource != null) {
            impls.put("forwardgnn Csr.multAddTransposed (scatter)", () -> { out.zero(); scatterSource.multAddTransposed(b, out); return out; });
        }
        impls.put("EJML CommonOps_DSCC " + (transA ? "multTransA" : "mult"),
                () -> transA ? CommonOps_DSCC.multTransA(csc, b, out, work) : CommonOps_DSCC.mult(csc, b, out));
        impls.put("proto vector CSR, 1 thread", () -> SparseKernels.mult(csr, b, out, 1));
        impls.put("proto vector CSR, " + threads + " threads", () -> SparseKernels.mult(csr, b, out, threads));
        impls.put("proto vector CSR float, 1 thread", () -> SparseKernels.mult(arr, fv, bf, of, 1));
        for (Map.Entry<String, Supplier<Object>> e : impls.entrySet()) report(ds, op + " (nnz " + arr.nonZeros() + ")", e.getKey(), e.getValue(), flops);
    }

    static void dense(String ds, String op, DMatrixRMaj a, DMatrixRMaj b, boolean transA, int threads) {
        int m = transA ? a.numCols : a.numRows, k = transA ? a.numRows : a.numCols;
        DMatrixRMaj c = new DMatrixRMaj(m, b.numCols);
        double flops = 2.0 * m * k * b.numCols;
        Map<String, Supplier<Object>> impls = new LinkedHashMap<>();
        impls.put("EJML 1 thread", () -> transA ? CommonOps_DDRM.multTransA(a, b, c) : mult(a, b, c));
        impls.put("forwardgnn Dense (now core Kernels)", () -> transA ? Dense.multTransA(a, b, c) : Dense.mult(a, b, c));
        impls.put("EJML concurrent (CommonOps_MT_DDRM, forwardgnn@97f6bae)", () -> {
            if (transA) org.ejml.dense.row.CommonOps_MT_DDRM.multTransA(a, b, c); else org.ejml.dense.row.CommonOps_MT_DDRM.mult(a, b, c);
            return c;
        });
        impls.put("core Kernels (" + Kernels.describe() + ", 1 thread)", () -> transA ? Kernels.multTransA(a, b, c) : Kernels.mult(a, b, c));
        impls.put("proto netlib row-split, " + threads + " threads", () -> ParallelGemm.gemm(transA, false, a, b, c, threads));
        for (Map.Entry<String, Supplier<Object>> e : impls.entrySet()) report(ds, op, e.getKey(), e.getValue(), flops);
    }

    private static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) { CommonOps_DDRM.mult(a, b, c); return c; }

    static Object sink;

    static void report(String ds, String op, String impl, Supplier<Object> f, double flops) {
        // calls per block so that a block is ~50 ms of CPU
        long c0 = cpuNanos();
        int calls = 0;
        while (cpuNanos() - c0 < 400_000_000L) { sink = f.get(); calls++; } // warm-up 0.3 s CPU
        int perBlock = Math.max(1, calls / 4);
        List<Double> cpu = new ArrayList<>(), wall = new ArrayList<>();
        for (int blk = 0; blk < 7; blk++) {
            long cc = cpuNanos(), w = System.nanoTime();
            for (int i = 0; i < perBlock; i++) sink = f.get();
            cpu.add((cpuNanos() - cc) / 1e6 / perBlock);
            wall.add((System.nanoTime() - w) / 1e6 / perBlock);
        }
        double mc = median(cpu), mw = median(wall);
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %.3f [%.3f–%.3f] | %.3f | %.1f |%n", ds, op, impl, mc,
                cpu.stream().mapToDouble(x -> x).min().orElse(0), cpu.stream().mapToDouble(x -> x).max().orElse(0), mw,
                flops / (mc * 1e6));
    }

    static double median(List<Double> x) {
        double[] s = x.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s[s.length / 2];
    }
}
