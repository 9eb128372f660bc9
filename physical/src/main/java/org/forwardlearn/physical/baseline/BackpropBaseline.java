package org.forwardlearn.physical.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.optim.Adam;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.core.random.Seeds;
import org.forwardlearn.physical.encode.Encoder;
import org.forwardlearn.physical.pff.Encoders;
import org.forwardlearn.physical.pff.Meter;
import org.forwardlearn.physical.pff.PffBlock;
import org.forwardlearn.physical.pff.PffNetwork;
import org.forwardlearn.physical.pff.Permutations;
import org.forwardlearn.physical.sim.DifferentiableSystem;

/**
 * The backprop baselines (BASELINES: backprop across blocks is what they are): blocks h -> E(h) -> P -> [p; h]
 * -> z = a W + b -> h' = z scaled to norm sqrt(hidden), then a softmax readout, trained end-to-end with
 * cross-entropy. P in the forward / backward pass: insilico twin / twin, pat device / twin, bp simulator /
 * simulator. Evaluation always runs on the device.
 */
public final class BackpropBaseline {
    private final BaselineConfig cfg;
    private final List<Encoder> encoders = new ArrayList<>();
    private final List<DenseLayer> maps = new ArrayList<>();
    private final List<Adam> adams = new ArrayList<>();
    private final DenseLayer readout;
    private final Adam readoutAdam;
    private final List<DifferentiableSystem> twins = new ArrayList<>();
    private final Meter meter = new Meter();
    private final int classes;
    private double trainSeconds;
    private final List<double[]> history = new ArrayList<>();

    public BackpropBaseline(BaselineConfig cfg, int features, int classes, List<? extends PhysicalSystem> systems) {
        this.cfg = cfg;
        this.classes = classes;
        int in = features;
        for (int i = 0; i < systems.size(); i++) {
            var spec = systems.get(i).spec();
            encoders.add(Encoders.create(cfg.encoder(), cfg.encoderBits(), in, spec));
            maps.add(new DenseLayer(spec.outputSize() + (cfg.skip() ? in : 0), cfg.hidden(), Activation.IDENTITY, Init.TORCH_DEFAULT,
                    Seeds.random(cfg.seed(), 0x424CL, i)));
            adams.add(new Adam(cfg.lr(), 0));
            in = cfg.hidden();
        }
        readout = new DenseLayer(cfg.hidden(), classes, Activation.IDENTITY, Init.TORCH_DEFAULT, Seeds.random(cfg.seed(), 0x524CL));
        readoutAdam = new Adam(cfg.lr(), 0);
    }

    public Meter meter() { return meter; }

    public double trainSeconds() { return trainSeconds; }

    public List<double[]> history() { return history; }

    public List<DifferentiableSystem> twins() { return twins; }

    /** Fits twins (insilico, pat) from measured pairs, then trains end-to-end by backprop. */
    public BackpropBaseline fit(double[][] x, int[] y, List<? extends PhysicalSystem> systems) {
        long t0 = System.nanoTime();
        for (int l = 0; l < systems.size(); l++) {
            if (cfg.method().equals("bp")) {
                if (!(systems.get(l) instanceof DifferentiableSystem d)) {
                    throw new IllegalArgumentException("Expected a differentiable simulator for the bp bound (got " + systems.get(l).spec().deviceId() + ")");
                }
                twins.add(d);
            } else {
                twins.add(fitTwin(l, x, systems.get(l)));
            }
        }
        int n = x.length, bs = cfg.batchSize();
        for (int e = 0; e < cfg.epochs(); e++) {
            int[] perm = Permutations.of(n, Seeds.stream(cfg.seed(), 0x42504550L, e));
            double loss = 0;
            for (int s = 0; s < n; s += bs) {
                int m = Math.min(bs, n - s);
                double[][] bx = new double[m][];
                int[] by = new int[m];
                for (int i = 0; i < m; i++) { bx[i] = x[perm[s + i]]; by[i] = y[perm[s + i]]; }
                loss += step(bx, by, systems) * m / n;
            }
            history.add(new double[] {e, loss, Double.NaN, (System.nanoTime() - t0) / 1e9});
        }
        trainSeconds = (System.nanoTime() - t0) / 1e9;
        return this;
    }

    private DigitalTwin fitTwin(int l, double[][] x, PhysicalSystem sys) {
        int pairs = cfg.twinPairs();
        var rng = Seeds.stream(cfg.seed(), 0x54574950L, l);
        double[][] h = new double[pairs][];
        for (int i = 0; i < pairs; i++) {
            if (l == 0) h[i] = x[rng.nextInt(x.length)];
            else {
                h[i] = new double[cfg.hidden()];
                for (int j = 0; j < cfg.hidden(); j++) h[i][j] = Seeds.gaussian(rng);
            }
        }
        double[][] e = encoders.get(l).encode(h);
        double[][] p = meter.measure(sys, e);
        DigitalTwin t = DigitalTwin.fit(e, p, cfg.twinHidden(), cfg.twinEpochs(), Seeds.mix(cfg.seed(), l));
        meter.addMacs(t.macs());
        return t;
    }

    private double step(double[][] x, int[] y, List<? extends PhysicalSystem> systems) {
        int L = maps.size();
        double[][][] hs = new double[L + 1][][], es = new double[L][][];
        DMatrixRMaj[] as = new DMatrixRMaj[L], zs = new DMatrixRMaj[L];
        hs[0] = x;
        for (int l = 0; l < L; l++) {
            es[l] = encoders.get(l).encode(hs[l]);
            double[][] p = cfg.method().equals("pat") ? meter.measure(systems.get(l), es[l]) : twins.get(l).response(es[l]);
            as[l] = concat(p, hs[l]);
            zs[l] = forward(maps.get(l), as[l]);
            hs[l + 1] = PffBlock.normalise(zs[l]);
        }
        DMatrixRMaj hl = new DMatrixRMaj(hs[L]);
        DMatrixRMaj logits = forward(readout, hl);
        double loss = crossEntropy(logits, y);
        DMatrixRMaj dl = softmaxGrad(logits, y);
        readout.zeroGrad();
        readout.localGradient(hl, logits, dl);
        DMatrixRMaj dh = back(readout, dl);
        for (int l = L - 1; l >= 0; l--) {
            DMatrixRMaj dz = normaliseVjp(zs[l], dh);
            DenseLayer w = maps.get(l);
            w.zeroGrad();
            w.localGradient(as[l], zs[l], dz);
            meter.addMacs((long) dz.numRows * w.inputSize() * w.outputSize());
            if (l == 0) break;
            DMatrixRMaj da = back(w, dz);
            int po = da.numCols - (cfg.skip() ? hs[l][0].length : 0);
            double[][] dp = new double[da.numRows][po];
            for (int r = 0; r < da.numRows; r++) System.arraycopy(da.data, r * da.numCols, dp[r], 0, po);
            double[][] de = twins.get(l).vjp(es[l], dp);
            double[][] dhv = encoders.get(l).vjp(hs[l], de);
            dh = new DMatrixRMaj(dhv);
            if (cfg.skip()) for (int r = 0; r < da.numRows; r++) for (int c = 0; c < dh.numCols; c++) dh.add(r, c, da.get(r, po + c));
        }
        for (int l = 0; l < L; l++) adams.get(l).step(maps.get(l).parameters());
        readoutAdam.step(readout.parameters());
        return loss;
    }

    private DMatrixRMaj forward(DenseLayer l, DMatrixRMaj a) {
        meter.addMacs((long) a.numRows * l.inputSize() * l.outputSize());
        return l.forward(a, null);
    }

    private DMatrixRMaj back(DenseLayer l, DMatrixRMaj dz) {
        DMatrixRMaj d = new DMatrixRMaj(dz.numRows, l.inputSize());
        CommonOps_DDRM.multTransB(dz, l.weight(), d);
        meter.addMacs(2L * dz.numRows * l.inputSize() * l.outputSize());
        return d;
    }

    static DMatrixRMaj concat(double[][] p, double[][] h) {
        int po = p[0].length, ho = h[0].length;
        DMatrixRMaj a = new DMatrixRMaj(p.length, po + ho);
        for (int r = 0; r < p.length; r++) {
            System.arraycopy(p[r], 0, a.data, r * (po + ho), po);
            System.arraycopy(h[r], 0, a.data, r * (po + ho) + po, ho);
        }
        return a;
    }

    /** dz for h = sqrt(H) z / ||z||: dz = sqrt(H)/||z|| (dh - u (u . dh)). */
    static DMatrixRMaj normaliseVjp(DMatrixRMaj z, DMatrixRMaj dh) {
        DMatrixRMaj dz = new DMatrixRMaj(z.numRows, z.numCols);
        double s = Math.sqrt(z.numCols);
        for (int r = 0; r < z.numRows; r++) {
            double nn = 0, ud = 0;
            for (int c = 0; c < z.numCols; c++) nn += z.get(r, c) * z.get(r, c);
            double n = Math.sqrt(nn);
            if (n < 1e-12) continue;
            for (int c = 0; c < z.numCols; c++) ud += z.get(r, c) / n * dh.get(r, c);
            for (int c = 0; c < z.numCols; c++) dz.set(r, c, s / n * (dh.get(r, c) - z.get(r, c) / n * ud));
        }
        return dz;
    }

    static double crossEntropy(DMatrixRMaj z, int[] y) {
        double l = 0;
        for (int r = 0; r < z.numRows; r++) {
            double mx = Double.NEGATIVE_INFINITY, s = 0;
            for (int c = 0; c < z.numCols; c++) mx = Math.max(mx, z.get(r, c));
            for (int c = 0; c < z.numCols; c++) s += Math.exp(z.get(r, c) - mx);
            l += (Math.log(s) + mx - z.get(r, y[r])) / z.numRows;
        }
        return l;
    }

    static DMatrixRMaj softmaxGrad(DMatrixRMaj z, int[] y) {
        DMatrixRMaj d = new DMatrixRMaj(z.numRows, z.numCols);
        for (int r = 0; r < z.numRows; r++) {
            double mx = Double.NEGATIVE_INFINITY, s = 0;
            for (int c = 0; c < z.numCols; c++) mx = Math.max(mx, z.get(r, c));
            for (int c = 0; c < z.numCols; c++) s += Math.exp(z.get(r, c) - mx);
            for (int c = 0; c < z.numCols; c++) d.set(r, c, (Math.exp(z.get(r, c) - mx) / s - (c == y[r] ? 1 : 0)) / z.numRows);
        }
        return d;
    }

    /** Accuracy when deployed on the device (one device pass per sample per block; counted by {@code m}). */
    public double accuracy(double[][] x, int[] y, List<? extends PhysicalSystem> systems, Meter m) {
        int[] pred = new int[x.length];
        for (int s = 0; s < x.length; s += 256) {
            double[][] h = Arrays.copyOfRange(x, s, Math.min(x.length, s + 256));
            for (int l = 0; l < maps.size(); l++) {
                double[][] p = m.measure(systems.get(l), encoders.get(l).encode(h));
                h = PffBlock.normalise(maps.get(l).forward(concat(p, h), null));
            }
            DMatrixRMaj z = readout.forward(new DMatrixRMaj(h), null);
            for (int r = 0; r < z.numRows; r++) {
                int best = 0;
                for (int c = 1; c < classes; c++) if (z.get(r, c) > z.get(r, best)) best = c;
                pred[s + r] = best;
            }
        }
        return PffNetwork.accuracy(pred, y);
    }
}
