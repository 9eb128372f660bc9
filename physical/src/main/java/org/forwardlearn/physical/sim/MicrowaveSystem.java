package org.forwardlearn.physical.sim;

import java.util.SplittableRandom;
import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.core.random.Seeds;
import org.forwardlearn.physical.SystemSpec;

/**
 * A chaotic microwave cavity with a programmable binary metasurface, as coupled dipoles (after PhysFad,
 * Faqiri et al. 2022, simplified to scalar 2D dipoles): N metasurface elements (each a resonator whose
 * resonance is switched by its binary state) and K fixed environment scatterers at random positions in a
 * unit square, coupled by G_ij = kappa exp(i k d_ij) / sqrt(d_ij + 0.05). For each of F frequencies the
 * interaction matrix W = diag(1/alpha) - G is solved and S21 = g_rx^T W^-1 g_tx (plus the direct path);
 * outputs are |S21| (normalised to mean about 1). The response is nonlinear in the configuration because
 * every element's state enters W^-1.
 *
 * <p>Drift: the environment scatterers' positions wander (scale 0.01). Re-draw: new scatterers.
 */
public final class MicrowaveSystem extends SimulatedSystem {
    private final int ne;        // metasurface elements
    private final int ns;        // environment scatterers
    private final int nf;        // frequencies
    private final double[] omega;
    private double[] pos;        // (ne + ns + 2) x 2: elements, scatterers, tx, rx
    private double[] res0, res1; // element resonances for state 0 / 1
    private double[] scatterRes;
    private double[] driftable;  // scatterer positions (ns x 2), a view copied into pos
    private double norm = 1.0;
    private Reduced[] reduced;   // per frequency, the element-space system; null = stale (built on first use)
    private static final double KAPPA = 0.02, GAMMA = 0.04;

    public MicrowaveSystem(SimSettings s, int elements, int scatterers, int frequencies) {
        super(s, new SystemSpec("sim-microwave-" + elements + "-" + frequencies + "-seed" + s.seed(), "sim-1 coupled-dipoles",
                elements, frequencies, new InputDomain.Binary(), s.maxBatch()));
        if (scatterers < 0) throw new IllegalArgumentException("Expected scatterers >= 0 (got " + scatterers + ")");
        this.ne = elements;
        this.ns = scatterers;
        this.nf = frequencies;
        this.omega = new double[nf];
        for (int f = 0; f < nf; f++) omega[f] = 0.9 + 0.2 * f / Math.max(1, nf - 1);
        build(0);
    }

    @Override
    protected void build(int generation) {
        SplittableRandom r = Seeds.stream(settings.seed(), 0x4D574156L, generation);
        int d = ne + ns + 2;
        pos = new double[2 * d];
        for (int i = 0; i < 2 * d; i++) pos[i] = r.nextDouble();
        res0 = new double[ne];
        res1 = new double[ne];
        for (int i = 0; i < ne; i++) { res0[i] = 0.95 + 0.02 * Seeds.gaussian(r); res1[i] = 1.05 + 0.02 * Seeds.gaussian(r); }
        scatterRes = new double[ns];
        for (int i = 0; i < ns; i++) scatterRes[i] = 0.9 + 0.2 * r.nextDouble();
        driftable = new double[2 * ns];
        System.arraycopy(pos, 2 * ne, driftable, 0, 2 * ns);
        reduced = null;
        norm = 1.0;
        double mean = 0;
        SplittableRandom probe = Seeds.stream(settings.seed(), 0x50524F42L);
        int probes = 16;
        double[] in = new double[ne], out = new double[nf];
        for (int p = 0; p < probes; p++) {
            for (int i = 0; i < ne; i++) in[i] = probe.nextInt(2);
            respond(in, out);
            for (double v : out) mean += v / (probes * nf);
        }
        norm = mean > 0 ? 1.0 / mean : 1.0;
    }

    @Override protected double[] driftParameters() { return driftable; }

    @Override protected double driftScale() { return 0.01; }

    @Override protected void driftChanged() { System.arraycopy(driftable, 0, pos, 2 * ne, 2 * ns); reduced = null; }

    @Override protected double fullScale() { return 4.0; }

    /**
     * Per frequency, the system reduced to the metasurface elements. W = [[A + D(s), B], [C, S]] with D(s) the
     * elements' state-dependent diagonal and S the fixed scatterer block; eliminating the scatterers (Schur
     * complement) gives M(s) x_e = r with M(s) = A + D(s) - B S^-1 C, r = g_e - B S^-1 g_s, and S21 = c0 + u . x_e.
     * A configuration differs from the all-zero one (M0 = M(0)) only on the diagonal entries of its elements in state 1,
     * by delta_i = res1_i^2 - res0_i^2, so by Woodbury, with K = diag(1/delta_S) + M0^-1[S, S] and x0 = M0^-1 r,
     * v = u^T M0^-1: S21 = (c0 + u . x0) - v_S . (K^-1 x0_S): one k x k solve (k = elements in state 1) per frequency.
     * Everything but S is fixed between re-draws and drift steps and is computed once ({@link #reduce}).
     *
     * @param inv M0^-1, row-major ne x ne
     */
    private record Reduced(double[] invR, double[] invI, double[] x0r, double[] x0i, double[] vr, double[] vi, double s0r, double s0i) {}

    @Override
    protected void respond(double[] in, double[] out) {
        if (reduced == null) reduced = reduce();
        int[] on = new int[ne];
        int k = 0;
        for (int i = 0; i < ne; i++) if (in[i] > 0.5) on[k++] = i;
        double[] kr = new double[k * k], ki = new double[k * k], yr = new double[k], yi = new double[k];
        for (int f = 0; f < nf; f++) {
            Reduced q = reduced[f];
            double sr = q.s0r(), si = q.s0i();
            if (k > 0) {
                for (int a = 0; a < k; a++) {
                    int ia = on[a];
                    for (int b = 0; b < k; b++) {
                        kr[a * k + b] = q.invR()[ia * ne + on[b]];
                        ki[a * k + b] = q.invI()[ia * ne + on[b]];
                    }
                    kr[a * k + a] += 1.0 / (res1[ia] * res1[ia] - res0[ia] * res0[ia]);
                    yr[a] = q.x0r()[ia];
                    yi[a] = q.x0i()[ia];
                }
                ComplexSolve.solve(kr, ki, yr, yi, k);
                for (int a = 0; a < k; a++) {
                    int ia = on[a];
                    sr -= q.vr()[ia] * yr[a] - q.vi()[ia] * yi[a];
                    si -= q.vr()[ia] * yi[a] + q.vi()[ia] * yr[a];
                }
            }
            out[f] = Math.hypot(sr, si) * norm;
        }
    }

    private Reduced[] reduce() {
        int d = ne + ns, tx = d, rx = d + 1;
        Reduced[] out = new Reduced[nf];
        for (int f = 0; f < nf; f++) {
            double w = omega[f], k = 2 * Math.PI * 6 * w;
            // full W without the elements' diagonal, g_tx and g_rx
            double[] wr = new double[d * d], wi = new double[d * d], gr = new double[d], gi = new double[d], hr = new double[d], hi = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    if (i == j) {
                        if (i >= ne) { double w0 = scatterRes[i - ne]; wr[i * d + i] = w0 * w0 - w * w; wi[i * d + i] = -GAMMA * w; }
                        continue;
                    }
                    double g = green(i, j, k);
                    wr[i * d + j] = -KAPPA * g * Math.cos(gPhase);
                    wi[i * d + j] = -KAPPA * g * Math.sin(gPhase);
                }
                double g = green(i, tx, k);
                gr[i] = KAPPA * g * Math.cos(gPhase);
                gi[i] = KAPPA * g * Math.sin(gPhase);
                g = green(i, rx, k);
                hr[i] = KAPPA * g * Math.cos(gPhase);
                hi[i] = KAPPA * g * Math.sin(gPhase);
            }
            double g0 = green(tx, rx, k);
            double c0r = KAPPA * g0 * Math.cos(gPhase), c0i = KAPPA * g0 * Math.sin(gPhase);
            // X = S^-1 [C | g_s]: ne + 1 right-hand sides of the ns x ns scatterer block
            double[][] xr = new double[ne + 1][ns], xi = new double[ne + 1][ns];
            for (int c = 0; c <= ne; c++) {
                double[] sr = new double[ns * ns], si = new double[ns * ns];
                for (int a = 0; a < ns; a++) {
                    for (int b = 0; b < ns; b++) { sr[a * ns + b] = wr[(ne + a) * d + ne + b]; si[a * ns + b] = wi[(ne + a) * d + ne + b]; }
                    xr[c][a] = c < ne ? wr[(ne + a) * d + c] : gr[ne + a];
                    xi[c][a] = c < ne ? wi[(ne + a) * d + c] : gi[ne + a];
                }
                if (ns > 0) ComplexSolve.solve(sr, si, xr[c], xi[c], ns);
            }
            double[] mr = new double[ne * ne], mi = new double[ne * ne], rr = new double[ne], ri = new double[ne];
            double[] ur = new double[ne], ui = new double[ne];
            for (int i = 0; i < ne; i++) {
                for (int c = 0; c <= ne; c++) {
                    double accR = c < ne ? wr[i * d + c] : gr[i], accI = c < ne ? wi[i * d + c] : gi[i];
                    for (int a = 0; a < ns; a++) {   // minus B X
                        double br = wr[i * d + ne + a], bi = wi[i * d + ne + a];
                        accR -= br * xr[c][a] - bi * xi[c][a];
                        accI -= br * xi[c][a] + bi * xr[c][a];
                    }
                    if (c < ne) { mr[i * ne + c] = accR; mi[i * ne + c] = accI; } else { rr[i] = accR; ri[i] = accI; }
                }
            }
            // S21 = c0 + h_e . x_e + h_s . x_s with x_s = X_g - X_C x_e
            for (int a = 0; a < ns; a++) {
                c0r += hr[ne + a] * xr[ne][a] - hi[ne + a] * xi[ne][a];
                c0i += hr[ne + a] * xi[ne][a] + hi[ne + a] * xr[ne][a];
            }
            for (int i = 0; i < ne; i++) {
                double accR = hr[i], accI = hi[i];
                for (int a = 0; a < ns; a++) {
                    accR -= hr[ne + a] * xr[i][a] - hi[ne + a] * xi[i][a];
                    accI -= hr[ne + a] * xi[i][a] + hi[ne + a] * xr[i][a];
                }
                ur[i] = accR;
                ui[i] = accI;
            }
            // M0 = M(all elements in state 0); its inverse, x0 = M0^-1 r, v = u^T M0^-1, s0 = c0 + u . x0
            for (int i = 0; i < ne; i++) { mr[i * ne + i] += res0[i] * res0[i] - w * w; mi[i * ne + i] += -GAMMA * w; }
            double[] invR = new double[ne * ne], invI = new double[ne * ne];
            for (int i = 0; i < ne; i++) invR[i * ne + i] = 1;
            ComplexSolve.solveMany(mr, mi, invR, invI, ne, ne);
            double[] x0r = new double[ne], x0i = new double[ne], vr = new double[ne], vi = new double[ne];
            double s0r = c0r, s0i = c0i;
            for (int i = 0; i < ne; i++) {
                for (int j = 0; j < ne; j++) {
                    double pr = invR[i * ne + j], pi = invI[i * ne + j];
                    x0r[i] += pr * rr[j] - pi * ri[j];
                    x0i[i] += pr * ri[j] + pi * rr[j];
                    vr[j] += ur[i] * pr - ui[i] * pi;
                    vi[j] += ur[i] * pi + ui[i] * pr;
                }
            }
            for (int i = 0; i < ne; i++) { s0r += ur[i] * x0r[i] - ui[i] * x0i[i]; s0i += ur[i] * x0i[i] + ui[i] * x0r[i]; }
            out[f] = new Reduced(invR, invI, x0r, x0i, vr, vi, s0r, s0i);
        }
        return out;
    }

    /**
     * The same response by solving the full (elements + scatterers) system per frequency, without the cached Schur
     * complement of {@link #respond}: the reference the tests compare against.
     */
    void respondDirect(double[] in, double[] out) {
        int d = ne + ns;
        double[] ar = new double[d * d], ai = new double[d * d], br = new double[d], bi = new double[d];
        int tx = d, rx = d + 1;
        for (int f = 0; f < nf; f++) {
            double w = omega[f], k = 2 * Math.PI * 6 * w;
            for (int i = 0; i < d; i++) {
                double w0 = i < ne ? (in[i] > 0.5 ? res1[i] : res0[i]) : scatterRes[i - ne];
                for (int j = 0; j < d; j++) {
                    if (i == j) { ar[i * d + j] = w0 * w0 - w * w; ai[i * d + j] = -GAMMA * w; continue; }
                    double g = green(i, j, k);
                    ar[i * d + j] = -KAPPA * g * Math.cos(gPhase);
                    ai[i * d + j] = -KAPPA * g * Math.sin(gPhase);
                }
                double g = green(i, tx, k);
                br[i] = KAPPA * g * Math.cos(gPhase);
                bi[i] = KAPPA * g * Math.sin(gPhase);
            }
            ComplexSolve.solve(ar, ai, br, bi, d);   // b := W^-1 g_tx
            double g0 = green(tx, rx, k);
            double sr = KAPPA * g0 * Math.cos(gPhase), si = KAPPA * g0 * Math.sin(gPhase);
            for (int i = 0; i < d; i++) {
                double g = green(i, rx, k), cr = KAPPA * g * Math.cos(gPhase), ci = KAPPA * g * Math.sin(gPhase);
                sr += cr * br[i] - ci * bi[i];
                si += cr * bi[i] + ci * br[i];
            }
            out[f] = Math.hypot(sr, si) * norm;
        }
    }

    private double gPhase;

    private double green(int i, int j, double k) {
        double dx = pos[2 * i] - pos[2 * j], dy = pos[2 * i + 1] - pos[2 * j + 1];
        double dist = Math.sqrt(dx * dx + dy * dy);
        gPhase = k * dist;
        return 1.0 / Math.sqrt(dist + 0.05);
    }

    @Override
    public double[][] vjp(double[][] inputs, double[][] dOutputs) {
        throw new UnsupportedOperationException("The microwave simulator takes binary configurations and is not differentiable;"
                + " use the in-silico or physics-aware baseline");
    }
}
