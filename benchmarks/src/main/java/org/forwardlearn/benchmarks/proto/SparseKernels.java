package org.forwardlearn.benchmarks.proto;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.ejml.data.FMatrixRMaj;

/**
 * Prototype sparse (CSR) x dense kernels, proposed for forwardgnn's {@code Csr.mult}. Difference from
 * the current kernel: the output row is accumulated in registers, a block of columns at a time, with
 * explicit Vector-API FMAs (instead of a load-add-store of the output row for every stored entry),
 * and the work is split into nnz-balanced row blocks on a dedicated pool sized to the machine.
 */
public final class SparseKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final long PARALLEL_MIN_WORK = 1 << 16;

    private SparseKernels() { }

    /**
     * out = a * b with forwardgnn's own row kernel ({@link Csr#multRows}), split by row blocks of nearly equal
     * stored entries over {@code threads} threads (proposal P5); single thread when {@code threads <= 1}.
     */
    public static DMatrixRMaj mult(Csr a, DMatrixRMaj b, DMatrixRMaj out, int threads) {
        if (b.numRows != a.cols()) throw new IllegalArgumentException("Expected " + a.cols() + " rows (got " + b.numRows + ")");
        if (out == null) out = new DMatrixRMaj(a.rows(), b.numCols); else out.reshape(a.rows(), b.numCols);
        final DMatrixRMaj o = out;
        if (threads <= 1 || (long) a.nonZeros() * b.numCols < PARALLEL_MIN_WORK) {
            a.multRows(b, o, 0, a.rows());
        } else {
            int[] bounds = balanced(a, threads);
            Pools.run(threads, t -> a.multRows(b, o, bounds[t], bounds[t + 1]));
        }
        return out;
    }

    /** As {@link #balanced(int[], int, int)} for a forwardgnn matrix (only its row offsets are read). */
    static int[] balanced(Csr a, int parts) {
        int[] ptr = new int[a.rows() + 1];
        for (int i = 0; i < a.rows(); i++) ptr[i + 1] = a.rowEnd(i);
        return balanced(ptr, a.rows(), parts);
    }

    /** Row bounds splitting the stored entries into {@code parts} nearly equal blocks. */
    static int[] balanced(int[] rowPtr, int rows, int parts) {
        int[] b = new int[parts + 1];
        long nnz = rowPtr[rows];
        int r = 0;
        for (int t = 1; t < parts; t++) {
            long target = nnz * t / parts;
            while (r < rows && rowPtr[r] < target) r++;
            b[t] = r;
        }
        b[parts] = rows;
        return b;
    }

    /** Float variant: out = a * b with float values (a's values converted once by the caller). */
    public static FMatrixRMaj mult(CsrArrays a, float[] vals, FMatrixRMaj b, FMatrixRMaj out, int threads) {
        if (out == null) out = new FMatrixRMaj(a.rows(), b.numCols); else out.reshape(a.rows(), b.numCols);
        final FMatrixRMaj o = out;
        if (threads <= 1) {
            rowsF(a, vals, b.data, b.numCols, o.data, 0, a.rows());
        } else {
            int[] bounds = balanced(a.rowPtr(), a.rows(), threads);
            Pools.run(threads, t -> rowsF(a, vals, b.data, b.numCols, o.data, bounds[t], bounds[t + 1]));
        }
        return out;
    }

    static void rowsF(CsrArrays a, float[] v, float[] bd, int d, float[] od, int from, int to) {
        int[] ptr = a.rowPtr(), ci = a.colIdx();
        int l = F.length(), block = 4 * l;
        int full = d - d % block;
        for (int i = from; i < to; i++) {
            int s = ptr[i], e = ptr[i + 1], oo = i * d;
            int c = 0;
            for (; c < full; c += block) {
                FloatVector a0 = FloatVector.zero(F), a1 = a0, a2 = a0, a3 = a0;
                for (int k = s; k < e; k++) {
                    FloatVector x = FloatVector.broadcast(F, v[k]);
                    int bo = ci[k] * d + c;
                    a0 = FloatVector.fromArray(F, bd, bo).fma(x, a0);
                    a1 = FloatVector.fromArray(F, bd, bo + l).fma(x, a1);
                    a2 = FloatVector.fromArray(F, bd, bo + 2 * l).fma(x, a2);
                    a3 = FloatVector.fromArray(F, bd, bo + 3 * l).fma(x, a3);
                }
                a0.intoArray(od, oo + c);
                a1.intoArray(od, oo + c + l);
                a2.intoArray(od, oo + c + 2 * l);
                a3.intoArray(od, oo + c + 3 * l);
            }
            for (; c < d; c++) {
                float acc = 0;
                for (int k = s; k < e; k++) acc += v[k] * bd[ci[k] * d + c];
                od[oo + c] = acc;
            }
        }
    }

    /** A tiny fixed-size pool helper (the common pool is shared with everything else in the JVM). */
    static final class Pools {
        private static final ForkJoinPool POOL = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));

        interface Task { void run(int t); }

        static void run(int parts, Task task) {
            POOL.invoke(new RecursiveAction() {
                @Override protected void compute() {
                    RecursiveAction[] subs = new RecursiveAction[parts - 1];
                    for (int t = 1; t < parts; t++) {
                        final int tt = t;
                        subs[t - 1] = new RecursiveAction() { @Override protected void compute() { task.run(tt); } };
                        subs[t - 1].fork();
                    }
                    task.run(0);
                    for (RecursiveAction s : subs) s.join();
                }
            });
        }
    }
}
