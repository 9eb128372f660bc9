package org.forwardlearn.physical.sim;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.core.random.Seeds;
import org.forwardlearn.physical.SystemSpec;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.datasets.io.AcousticPairs;

/**
 * A data-driven surrogate of the PFF authors' acoustic cavity (20 tones in, 20 spectral amplitudes out),
 * fitted by ridge least squares on the 10,001 measured pairs with features [1, x_i, x_i^2, x_i x_j] (231
 * features). Measurement noise defaults to the measured per-output residual level (noise = 1.0 means
 * "as measured"; the setting multiplies the residual standard deviations).
 *
 * <p>Drift: a random walk of all 231 x 20 coefficients (scale = their RMS). Re-draw: the coefficients jump to
 * fit + 0.3 * RMS * N(0, 1) (the cavity changed).
 */
public final class AcousticSurrogate extends SimulatedSystem {
    public static final int DIM = 20;
    public static final int FEATURES = 1 + 2 * DIM + DIM * (DIM - 1) / 2;
    private static final Map<Path, Fit> FITS = new ConcurrentHashMap<>();
    private final Fit fit;
    private final double[] coef = new double[FEATURES * DIM];

    /** The fitted surrogate: coefficients (FEATURES x DIM row-major), residual std per output, R^2 per output. */
    public record Fit(double[] coef, double[] residualStd, double[] r2, double rms) {}

    public AcousticSurrogate(SimSettings s, Path dataDir) {
        this(s, FITS.computeIfAbsent((dataDir == null ? Datasets.defaultDataDir() : dataDir).toAbsolutePath(),
                k -> fit(Datasets.loadAcousticPairs(k), 1e-3)));
    }

    public AcousticSurrogate(SimSettings s, Fit fit) {
        super(s, new SystemSpec("sim-acoustic-surrogate-seed" + s.seed(), "sim-1 phyll-fit", DIM, DIM,
                new InputDomain.Continuous(0, 1), s.maxBatch()));
        this.fit = fit;
        build(0);
    }

    public Fit fitted() { return fit; }

    /** Ridge fit of the quadratic model on measured pairs (lambda relative to the mean feature energy). */
    public static Fit fit(AcousticPairs pairs, double lambda) {
        int n = pairs.inputs().length;
        DMatrixRMaj phi = new DMatrixRMaj(n, FEATURES);
        double[] row = new double[FEATURES];
        for (int i = 0; i < n; i++) { features(pairs.inputs()[i], row); System.arraycopy(row, 0, phi.data, i * FEATURES, FEATURES); }
        DMatrixRMaj y = new DMatrixRMaj(pairs.outputs());
        DMatrixRMaj a = new DMatrixRMaj(FEATURES, FEATURES);
        CommonOps_DDRM.multTransA(phi, phi, a);
        double tr = CommonOps_DDRM.trace(a) / FEATURES;
        for (int i = 0; i < FEATURES; i++) a.add(i, i, lambda * tr);
        DMatrixRMaj b = new DMatrixRMaj(FEATURES, DIM);
        CommonOps_DDRM.multTransA(phi, y, b);
        DMatrixRMaj c = new DMatrixRMaj(FEATURES, DIM);
        if (!CommonOps_DDRM.solve(a, b, c)) throw new IllegalStateException("Expected a solvable ridge system (got a singular one)");
        DMatrixRMaj pred = new DMatrixRMaj(n, DIM);
        CommonOps_DDRM.mult(phi, c, pred);
        double[] res = new double[DIM], r2 = new double[DIM];
        for (int j = 0; j < DIM; j++) {
            double mean = 0, ss = 0, se = 0;
            for (int i = 0; i < n; i++) mean += y.get(i, j) / n;
            for (int i = 0; i < n; i++) {
                double e = y.get(i, j) - pred.get(i, j);
                se += e * e;
                ss += Math.pow(y.get(i, j) - mean, 2);
            }
            res[j] = Math.sqrt(se / (n - FEATURES));
            r2[j] = 1 - se / ss;
        }
        double rms = 0;
        for (double v : c.data) rms += v * v;
        rms = Math.sqrt(rms / c.data.length);
        return new Fit(c.data.clone(), res, r2, rms);
    }

    static void features(double[] x, double[] f) {
        f[0] = 1;
        int k = 1;
        for (int i = 0; i < DIM; i++) f[k++] = x[i];
        for (int i = 0; i < DIM; i++) f[k++] = x[i] * x[i];
        for (int i = 0; i < DIM; i++) for (int j = i + 1; j < DIM; j++) f[k++] = x[i] * x[j];
    }

    @Override
    protected void build(int generation) {
        System.arraycopy(fit.coef(), 0, coef, 0, coef.length);
        if (generation > 0) {
            SplittableRandom r = Seeds.stream(settings.seed(), 0x41434F55L, generation);
            for (int i = 0; i < coef.length; i++) coef[i] += 0.3 * fit.rms() * Seeds.gaussian(r);
        }
    }

    @Override protected double[] driftParameters() { return coef; }

    @Override protected double driftScale() { return fit.rms(); }

    @Override protected double fullScale() { return 2.0; }

    @Override protected double noiseStd(int j) { return settings.noise() * fit.residualStd()[j]; }

    @Override
    protected void respond(double[] in, double[] out) {
        double[] f = new double[FEATURES];
        features(in, f);
        for (int j = 0; j < DIM; j++) {
            double s = 0;
            for (int k = 0; k < FEATURES; k++) s += f[k] * coef[k * DIM + j];
            out[j] = s;
        }
    }

    @Override
    public double[][] vjp(double[][] inputs, double[][] dOut) {
        double[][] dIn = new double[inputs.length][DIM];
        double[] g = new double[FEATURES];
        for (int r = 0; r < inputs.length; r++) {
            for (int k = 0; k < FEATURES; k++) {
                double s = 0;
                for (int j = 0; j < DIM; j++) s += coef[k * DIM + j] * dOut[r][j];
                g[k] = s;
            }
            double[] x = inputs[r], d = dIn[r];
            int k = 1;
            for (int i = 0; i < DIM; i++) d[i] += g[k++];
            for (int i = 0; i < DIM; i++) d[i] += 2 * x[i] * g[k++];
            for (int i = 0; i < DIM; i++) for (int j = i + 1; j < DIM; j++) { d[i] += x[j] * g[k]; d[j] += x[i] * g[k]; k++; }
        }
        return dIn;
    }
}
