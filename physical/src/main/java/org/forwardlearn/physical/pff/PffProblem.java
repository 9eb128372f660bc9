package org.forwardlearn.physical.pff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.random.Seeds;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.physical.StatefulSystem;

/**
 * A PFF network as core's {@link LayerwiseProblem}: layer l is block l (its digital map W, b), trained by core's
 * {@link org.forwardlearn.core.train.LayerwiseTrainer} on the ALL_LAYERS schedule (every batch goes through every
 * block in turn) with {@link PffConfig#innerSteps()} optimizer steps per measured batch ({@link #steps}).
 *
 * <p>Block l measures its batch once per (epoch, batch) (positives and negatives stacked in one device call) and
 * keeps a = [P(E(h)); h] as a constant for its inner steps; block l+1's input is block l's normalised output after
 * block l's steps on this batch. Per epoch the training set is shuffled with a stream derived from (seed, epoch);
 * per batch the wrong labels come from (seed, epoch, batch) ({@link Seeds}), so the position stands for the RNG state.
 * The checkpoint state is the meter's counters and each {@link StatefulSystem}'s state.
 */
final class PffProblem implements LayerwiseProblem {
    private final PffConfig config;
    private final PffNetwork net;
    private final List<? extends PhysicalSystem> systems;
    private final double[][] x, xVal;
    private final int[] y, yVal;
    private final int classes;
    private final Meter meter;
    private final DMatrixRMaj[] aPos, aNeg, features;
    private final long[] key;
    private int permEpoch = -1;
    private int[] perm;

    PffProblem(PffConfig config, PffNetwork net, List<? extends PhysicalSystem> systems, double[][] x, int[] y, double[][] xVal,
               int[] yVal, Meter meter) {
        this.config = config;
        this.net = net;
        this.systems = systems;
        this.x = x;
        this.y = y;
        this.xVal = xVal;
        this.yVal = yVal;
        this.classes = net.classes();
        this.meter = meter;
        int b = net.blocks().size();
        aPos = new DMatrixRMaj[b];
        aNeg = new DMatrixRMaj[b];
        features = new DMatrixRMaj[b];
        key = new long[b];
        java.util.Arrays.fill(key, -1);
    }

    @Override public int numLayers() { return net.blocks().size(); }

    @Override public List<Parameter> parameters(int layer) { return net.blocks().get(layer).layer().parameters(); }

    @Override public int batches(int layer, int epoch) { return (x.length + config.batchSize() - 1) / config.batchSize(); }

    @Override public int steps(int layer, int epoch, int batch) { return config.innerSteps(); }

    private static long key(int epoch, int batch) { return ((long) epoch << 32) | batch; }

    @Override
    public double lossAndGradient(int layer, int epoch, int batch) {
        ensureFeatures(layer, epoch, batch);
        return net.blocks().get(layer).lossAndGradient(aPos[layer], aNeg[layer], meter);
    }

    /** Measures block l's batch once per (epoch, batch); block l's input is block l-1's output on this batch, now. */
    private void ensureFeatures(int layer, int epoch, int batch) {
        if (key[layer] == key(epoch, batch)) return;
        double[][] h;
        if (layer == 0) {
            if (permEpoch != epoch) {
                perm = LinearReadout.permutation(x.length, Seeds.stream(config.seed(), 0x5045524DL, epoch));
                permEpoch = epoch;
            }
            int s = batch * config.batchSize(), n = Math.min(config.batchSize(), x.length - s);
            double[][] bx = new double[n][];
            int[] by = new int[n], wrong = new int[n];
            SplittableRandom r = Seeds.stream(config.seed(), 0x4E4547L, epoch, batch);
            for (int i = 0; i < n; i++) {
                bx[i] = x[perm[s + i]];
                by[i] = y[perm[s + i]];
                wrong[i] = (by[i] + 1 + r.nextInt(classes - 1)) % classes;
            }
            h = net.trainingInput(bx, by, wrong);
        } else {
            if (key[layer - 1] != key(epoch, batch)) {
                throw new IllegalStateException("Expected block " + layer + " to train after block " + (layer - 1) + " on batch " + batch
                        + " of epoch " + epoch + " (got block " + (layer - 1) + " at another batch)");
            }
            h = PffBlock.normalise(net.blocks().get(layer - 1).forward(features[layer - 1], meter));
        }
        PffBlock b = net.blocks().get(layer);
        DMatrixRMaj a = b.features(h, systems.get(layer), meter);
        int n = a.numRows / 2;
        features[layer] = a;
        aPos[layer] = CommonOps_DDRM.extract(a, 0, n, 0, a.numCols);
        aNeg[layer] = CommonOps_DDRM.extract(a, n, 2 * n, 0, a.numCols);
        key[layer] = key(epoch, batch);
    }

    @Override
    public double validate(int layer) {
        if (xVal.length == 0) return Double.NaN;
        return PffNetwork.accuracy(net.predict(xVal, systems, meter, config.batchSize()), yVal);
    }

    @Override
    public Map<String, double[]> checkpointState() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("meter", new double[] {meter.queries(), meter.samples(), meter.macs()});
        for (int i = 0; i < systems.size(); i++) {
            if (systems.get(i) instanceof StatefulSystem st) m.put("device." + i, st.state());
        }
        return m;
    }

    @Override
    public void restoreCheckpointState(Map<String, double[]> state) {
        double[] c = state.get("meter");
        if (c == null || c.length != 3) {
            throw new IllegalArgumentException("Expected the meter's 3 counters (got " + (c == null ? "none" : c.length + " values") + ")");
        }
        for (double v : c) {
            if (!(v >= 0) || v != Math.rint(v) || v > 9.007199254740992E15) {
                throw new IllegalArgumentException("Expected meter counters to be whole numbers >= 0 (got " + v + ")");
            }
        }
        meter.set((long) c[0], (long) c[1], (long) c[2]);
        for (int i = 0; i < systems.size(); i++) {
            double[] d = state.get("device." + i);
            if (systems.get(i) instanceof StatefulSystem st) {
                if (d == null) throw new IllegalArgumentException("Expected the state of device " + i + " (got none)");
                st.restoreState(d);
            }
        }
        java.util.Arrays.fill(key, -1);
    }

    @Override
    public void layerFinished(int layer) {
        java.util.Arrays.fill(key, -1);
    }
}
