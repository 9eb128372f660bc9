package org.forwardlearn.physical.sim;

import java.util.SplittableRandom;
import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.physical.Seeds;
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

    @Override protected void driftChanged() { System.arraycopy(driftable, 0, pos, 2 * ne, 2 * ns); }

    @Override protected double fullScale() { return 4.0; }

    @Override
    protected void respond(double[] in, double[] out) {
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
