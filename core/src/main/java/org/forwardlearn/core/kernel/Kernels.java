package org.forwardlearn.core.kernel;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Dense products behind one interface: C = alpha op(A) op(B) + beta C on EJML row-major matrices. The
 * backend is chosen at run time: netlib BLAS ({@code dev.ludovic.netlib}: native OpenBLAS when the system
 * has it, else the Vector-API Java kernels with {@code --add-modules jdk.incubator.vector}, else plain
 * Java) for products large enough to matter, EJML otherwise or when BLAS is unavailable. Set system
 * property {@code forwardlearn.backend=ejml} to force EJML. EJML arrays are row-major, so row-major
 * C = op(A) op(B) is computed as column-major C^T = op(B)^T op(A)^T with no copy.
 */
public final class Kernels {
    private static final Logger LOG = LogManager.getLogger(Kernels.class);
    /** Products with fewer multiply-adds than this go to EJML (call overhead dominates). */
    static final long BLAS_MIN_MACS = 32L * 32 * 32;
    private static volatile Backend backend = Backend.detect();
    private static volatile Precision precision = Precision.detect();

    private Kernels() {}

    /** The active backend. */
    public static Backend backend() { return backend; }

    /** Forces a backend (tests, benchmarks). */
    public static void use(Backend b) {
        if (b == Backend.NETLIB && !Backend.netlibAvailable()) {
            throw new IllegalStateException("Expected the netlib BLAS backend to be available (got unavailable; see log)");
        }
        backend = b;
    }

    /** The active precision of dense products. */
    public static Precision precision() { return precision; }

    /**
     * Sets the precision of dense products for the whole process: {@link Precision#FLOAT} rounds A and B to
     * float32 and multiplies in single precision (sgemm), accumulating the result into the double C.
     * Default from system property {@code forwardlearn.precision=float|double} (double when unset).
     */
    public static void usePrecision(Precision p) { precision = p; }

    /** A description for provenance: backend, for netlib its implementation class, and ":float32" in float mode. */
    public static String describe() {
        String b = backend == Backend.NETLIB ? "netlib:" + NetlibGemm.implementation() : "ejml";
        return precision == Precision.FLOAT ? b + ":float32" : b;
    }

    /** C = A B (C reshaped). */
    public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) { return gemm(false, false, 1.0, a, b, 0.0, c); }

    /** C = A^T B (C reshaped). */
    public static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) { return gemm(true, false, 1.0, a, b, 0.0, c); }

    /** C = A B^T (C reshaped). */
    public static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) { return gemm(false, true, 1.0, a, b, 0.0, c); }

    /** C += A^T B. */
    public static DMatrixRMaj multAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) { return gemm(true, false, 1.0, a, b, 1.0, c); }

    /** C += A B. */
    public static DMatrixRMaj multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) { return gemm(false, false, 1.0, a, b, 1.0, c); }

    /**
     * C = alpha op(A) op(B) + beta C. When beta == 0, C may be null or of any shape (it is reshaped);
     * otherwise it must already have the result's shape. A, B are not modified and must not alias C.
     */
    public static DMatrixRMaj gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                                   double beta, DMatrixRMaj c) {
        int m = transA ? a.numCols : a.numRows;
        int k = transA ? a.numRows : a.numCols;
        int kb = transB ? b.numCols : b.numRows;
        int n = transB ? b.numRows : b.numCols;
        if (k != kb) {
            throw new IllegalArgumentException("Expected inner dimensions to agree (got " + shape(a, transA) + " times " + shape(b, transB) + ")");
        }
        if (c == a || c == b) throw new IllegalArgumentException("Expected C not to alias A or B (got the same matrix)");
        if (c == null) c = new DMatrixRMaj(m, n);
        else if (beta == 0) c.reshape(m, n);
        else if (c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("Expected C of shape " + m + "x" + n + " (got " + c.numRows + "x" + c.numCols + ")");
        }
        if (m == 0 || n == 0) return c;
        if (k == 0) {
            if (beta == 0) c.zero(); else CommonOps_DDRM.scale(beta, c);
            return c;
        }
        if (backend == Backend.NETLIB && BlockGemm.applies(transA, transB, m, n, k)) {
            BlockGemm.gemm(precision == Precision.FLOAT, transA, transB, m, n, k, alpha, a, b, beta, c);
        } else if (precision == Precision.FLOAT) {
            FloatGemm.gemm(backend == Backend.NETLIB, transA, transB, m, n, k, alpha, a, b, beta, c);
        } else if (backend == Backend.NETLIB && (long) m * n * k >= BLAS_MIN_MACS) {
            NetlibGemm.gemm(transA, transB, m, n, k, alpha, a, b, beta, c);
        } else {
            EjmlGemm.gemm(transA, transB, alpha, a, b, beta, c);
        }
        return c;
    }

    private static String shape(DMatrixRMaj x, boolean t) {
        return t ? x.numCols + "x" + x.numRows + " (transposed)" : x.numRows + "x" + x.numCols;
    }

    /** Precision of the dense products. */
    public enum Precision {
        DOUBLE, FLOAT;

        static Precision detect() {
            String p = System.getProperty("forwardlearn.precision", "double").trim().toLowerCase();
            return switch (p) {
                case "float", "float32", "single" -> FLOAT;
                case "double", "float64", "" -> DOUBLE;
                default -> throw new IllegalArgumentException("Expected forwardlearn.precision=float|double (got '" + p + "')");
            };
        }
    }

    /** Available backends. */
    public enum Backend {
        EJML, NETLIB;

        static Backend detect() {
            String forced = System.getProperty("forwardlearn.backend", "").trim().toLowerCase();
            if (forced.equals("ejml")) return EJML;
            if (netlibAvailable()) return NETLIB;
            if (forced.equals("netlib")) LOG.warn("forwardlearn.backend=netlib requested but netlib BLAS is unavailable; using EJML");
            return EJML;
        }

        static boolean netlibAvailable() {
            try {
                NetlibGemm.implementation();
                return true;
            } catch (Throwable t) {
                LOG.debug("netlib BLAS unavailable: {}", t.toString());
                return false;
            }
        }
    }
}
