package org.forwardlearn.physical.sim;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.core.random.Seeds;
import org.forwardlearn.physical.SystemSpec;

/**
 * A multimode scattering medium: a random complex transmission matrix T (M camera pixels x N SLM pixels,
 * entries circular complex Gaussian), a spatial light modulator encoding each input value v in [0, 1] as a
 * phase pi*v (unit amplitude) or as an amplitude v, and intensity detection |T u|^2, optionally averaged
 * over {@code pool} neighbouring camera pixels. Outputs have mean about 1 for phase encoding.
 *
 * <p>Drift: a slowly wandering phase screen on the SLM plane (N phases, scale pi). Re-draw: a new T
 * (the medium moved).
 */
public final class OpticalSystem extends SimulatedSystem {
    /** How the SLM modulates light. */
    public enum Encoding { PHASE, AMPLITUDE }

    private final int n;
    private final int m;
    private final int pool;
    private final Encoding encoding;
    private double[] re;    // m x n, row-major
    private double[] im;
    private final double[] screen;

    /**
     * @param slmSide side of the square SLM (input size slmSide^2)
     * @param camera  camera pixels M (before pooling); must be a multiple of pool
     */
    public OpticalSystem(SimSettings s, int slmSide, int camera, int pool, Encoding encoding) {
        super(s, spec(s, slmSide, camera, pool, encoding));
        this.n = slmSide * slmSide;
        this.m = camera;
        this.pool = pool;
        this.encoding = encoding;
        this.screen = new double[n];
        build(0);
    }

    private static SystemSpec spec(SimSettings s, int side, int camera, int pool, Encoding e) {
        if (side < 1 || camera < 1 || pool < 1 || camera % pool != 0) {
            throw new IllegalArgumentException("Expected slmSide >= 1 and camera a positive multiple of pool (got side="
                    + side + ", camera=" + camera + ", pool=" + pool + ")");
        }
        return new SystemSpec("sim-optical-" + side + "x" + side + "-" + camera / pool + "-seed" + s.seed(), "sim-1 " + e,
                side * side, camera / pool, new InputDomain.Continuous(0, 1), s.maxBatch());
    }

    @Override
    protected void build(int generation) {
        SplittableRandom r = Seeds.stream(settings.seed(), 0x4F505449L, generation);
        re = new double[m * n];
        im = new double[m * n];
        double sd = Math.sqrt(0.5);
        for (int i = 0; i < m * n; i++) { re[i] = sd * Seeds.gaussian(r); im[i] = sd * Seeds.gaussian(r); }
        java.util.Arrays.fill(screen, 0.0);
    }

    @Override protected double[] driftParameters() { return screen; }

    @Override protected double driftScale() { return Math.PI; }

    @Override protected double fullScale() { return 8.0; }

    private void field(double[] in, double[] ur, double[] ui) {
        double a = 1.0 / Math.sqrt(n);
        for (int j = 0; j < n; j++) {
            double amp = encoding == Encoding.PHASE ? a : a * in[j];
            double ph = (encoding == Encoding.PHASE ? Math.PI * in[j] : 0.0) + screen[j];
            ur[j] = amp * Math.cos(ph);
            ui[j] = amp * Math.sin(ph);
        }
    }

    @Override
    protected void respond(double[] in, double[] out) {
        double[] ur = new double[n], ui = new double[n];
        field(in, ur, ui);
        java.util.Arrays.fill(out, 0.0);
        for (int k = 0; k < m; k++) {
            double yr = 0, yi = 0;
            for (int j = 0, o = k * n; j < n; j++, o++) {
                yr += re[o] * ur[j] - im[o] * ui[j];
                yi += re[o] * ui[j] + im[o] * ur[j];
            }
            out[k / pool] += (yr * yr + yi * yi) / pool;
        }
    }

    /**
     * The same as {@link #respond} row by row, computed for the whole batch with four dense products (core
     * {@code Kernels}): Y = U T^T with U = Ur + i Ui, T = Re + i Im, then |Y|^2 pooled.
     */
    @Override
    public double[][] response(double[][] inputs) {
        int rows = inputs.length;
        DMatrixRMaj ur = new DMatrixRMaj(rows, n), ui = new DMatrixRMaj(rows, n);
        double[] fr = new double[n], fi = new double[n];
        for (int r = 0; r < rows; r++) {
            field(inputs[r], fr, fi);
            System.arraycopy(fr, 0, ur.data, r * n, n);
            System.arraycopy(fi, 0, ui.data, r * n, n);
        }
        DMatrixRMaj tr = DMatrixRMaj.wrap(m, n, re), ti = DMatrixRMaj.wrap(m, n, im);
        DMatrixRMaj yr = Kernels.multTransB(ur, tr, null);
        Kernels.gemm(false, true, -1.0, ui, ti, 1.0, yr);
        DMatrixRMaj yi = Kernels.multTransB(ui, tr, null);
        Kernels.gemm(false, true, 1.0, ur, ti, 1.0, yi);
        double[][] out = new double[rows][m / pool];
        for (int r = 0; r < rows; r++) {
            for (int k = 0, o = r * m; k < m; k++, o++) out[r][k / pool] += (yr.data[o] * yr.data[o] + yi.data[o] * yi.data[o]) / pool;
        }
        return out;
    }

    @Override
    public double[][] vjp(double[][] inputs, double[][] dOut) {
        double[][] dIn = new double[inputs.length][n];
        double[] ur = new double[n], ui = new double[n], gr = new double[n], gi = new double[n];
        double a = 1.0 / Math.sqrt(n);
        for (int r = 0; r < inputs.length; r++) {
            field(inputs[r], ur, ui);
            java.util.Arrays.fill(gr, 0.0);
            java.util.Arrays.fill(gi, 0.0);
            for (int k = 0; k < m; k++) {
                double yr = 0, yi = 0;
                for (int j = 0, o = k * n; j < n; j++, o++) {
                    yr += re[o] * ur[j] - im[o] * ui[j];
                    yi += re[o] * ui[j] + im[o] * ur[j];
                }
                double d = dOut[r][k / pool] / pool;
                // g_j += d * conj(y_k) * T_kj
                for (int j = 0, o = k * n; j < n; j++, o++) {
                    gr[j] += d * (yr * re[o] + yi * im[o]);
                    gi[j] += d * (yr * im[o] - yi * re[o]);
                }
            }
            for (int j = 0; j < n; j++) {
                if (encoding == Encoding.PHASE) {
                    // dI/dpsi = 2 Re(g * i u) = -2 Im(g u) ; dpsi/dv = pi
                    dIn[r][j] = -2 * (gr[j] * ui[j] + gi[j] * ur[j]) * Math.PI;
                } else {
                    double ph = screen[j];
                    dIn[r][j] = 2 * (gr[j] * Math.cos(ph) - gi[j] * Math.sin(ph)) * a;
                }
            }
        }
        return dIn;
    }
}
