package org.forwardlearn.physical.pff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.core.random.Seeds;
import org.forwardlearn.physical.StatefulSystem;

/**
 * Trains a {@link PffNetwork} against live physical systems (one per block), touching them only through
 * {@link PhysicalSystem#measure}, {@link PhysicalSystem#spec} (and, for checkpoints, {@link StatefulSystem}).
 *
 * <p>Per epoch the training set is shuffled with a stream derived from (seed, epoch); per batch the wrong
 * labels come from (seed, epoch, batch). Every block trains on every batch, in sequence.
 *
 * <h2>Checkpoint and resume</h2>
 * {@code fit(x, y, classes, systems, listener, checkpoint, resume)}: when {@code checkpoint} is not null, after
 * every {@link PffConfig#checkpointEvery()} block-update rounds (and at each epoch end) the full state is
 * written atomically to that path ({@link PffCheckpoint}: all blocks' W and b, Adam moments and step counts,
 * the position (epoch, next batch) which stands for the RNG state, the counters, the finished epochs' metrics,
 * and each device's state when it is a {@link StatefulSystem}). With {@code resume = true} and an existing
 * file, training continues from it, restoring the device states too (when the device supports it); against a
 * deterministic device the final weights are bit-identical to an uninterrupted run with the same seed. The
 * checkpoint is core's CRC-checked container with every field validated on read; it carries the run's
 * fingerprint (every {@link PffConfig} component except {@code checkpointEvery}, the data sizes and hash, each
 * device's spec and simulated settings), and a resume whose fingerprint differs in anything (e.g. {@code lr},
 * {@code epochs}, the device noise or drift) is refused with the file and each difference named.
 */
public final class PffTrainer {
    private static final Logger LOG = LogManager.getLogger(PffTrainer.class);
    private final PffConfig config;

    public PffTrainer(PffConfig config) { this.config = config; }

    public PffConfig config() { return config; }

    /** Trains without checkpoints. */
    public PffModel fit(double[][] x, int[] y, int classes, List<? extends PhysicalSystem> systems, PffListener listener) {
        return fit(x, y, classes, systems, listener, null, false);
    }

    public PffModel fit(double[][] x, int[] y, int classes, List<? extends PhysicalSystem> systems, PffListener listener,
                        Path checkpoint, boolean resume) {
        if (x.length != y.length) throw new IllegalArgumentException("Expected one label per sample (got " + y.length + " for " + x.length + ")");
        for (int v : y) if (v < 0 || v >= classes) throw new IllegalArgumentException("Expected labels in [0, " + classes + ") (got " + v + ")");
        PffListener ls = listener == null ? PffListener.NONE : listener;
        int nTrain = x.length - config.valSize();
        if (nTrain < 1) throw new IllegalArgumentException("Expected valSize < " + x.length + " (got " + config.valSize() + ")");
        double[][] xt = Arrays.copyOf(x, nTrain);
        double[][] xv = Arrays.copyOfRange(x, nTrain, x.length);
        int[] yv = Arrays.copyOfRange(y, nTrain, y.length);
        PffNetwork net = new PffNetwork(config, x[0].length, classes, systems);
        Meter meter = new Meter();
        int batches = (nTrain + config.batchSize() - 1) / config.batchSize();
        java.util.Map<String, String> fp = fingerprint(x[0].length, classes, systems, nTrain, dataHash(x, y));
        List<double[]> history = new ArrayList<>();
        int startEpoch = 0, startBatch = 0;
        double epochLoss = 0, priorSeconds = 0;
        if (checkpoint != null && resume && Files.exists(checkpoint)) {
            PffCheckpoint c = read(checkpoint);
            List<String> diff = PffCheckpoint.differences(fp, c.fingerprint());
            if (!diff.isEmpty()) {
                throw new IllegalArgumentException("Expected checkpoint " + checkpoint + " to come from a run with this configuration, data "
                        + "and devices (got " + diff.size() + " difference" + (diff.size() == 1 ? "" : "s") + ": " + String.join("; ", diff)
                        + "); resume with the original settings or start without --resume");
            }
            if (c.epoch() > config.epochs() || c.nextBatch() >= Math.max(1, batches) || (c.epoch() == config.epochs() && c.nextBatch() != 0)) {
                throw new IllegalArgumentException("Expected a position within " + config.epochs() + " epochs of " + batches
                        + " batches in checkpoint " + checkpoint + " (got epoch " + c.epoch() + ", next batch " + c.nextBatch() + ")");
            }
            try {
                restore(net, c, systems);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid checkpoint " + checkpoint + ": " + e.getMessage(), e);
            }
            meter.set(c.counters()[0], c.counters()[1], c.counters()[2]);
            history.addAll(Arrays.asList(c.history()));
            startEpoch = c.epoch();
            startBatch = c.nextBatch();
            epochLoss = c.epochLoss();
            priorSeconds = c.elapsed();
            LOG.info("Resuming PFF from {} at epoch {} batch {}", checkpoint, startEpoch, startBatch);
        }
        long t0 = System.nanoTime();
        ls.onRunStart(config.epochs(), batches);
        for (int e = startEpoch; e < config.epochs(); e++) {
            int[] perm = LinearReadout.permutation(nTrain, Seeds.stream(config.seed(), 0x5045524DL, e));
            for (int k = (e == startEpoch ? startBatch : 0); k < batches; k++) {
                int s = k * config.batchSize(), n = Math.min(config.batchSize(), nTrain - s);
                double[][] bx = new double[n][];
                int[] by = new int[n], wrong = new int[n];
                SplittableRandom r = Seeds.stream(config.seed(), 0x4E4547L, e, k);
                for (int i = 0; i < n; i++) {
                    bx[i] = xt[perm[s + i]];
                    by[i] = y[perm[s + i]];
                    wrong[i] = (by[i] + 1 + r.nextInt(classes - 1)) % classes;
                }
                double loss = net.trainBatch(bx, by, wrong, systems, meter);
                epochLoss += loss;
                ls.onBatchEnd(e, k, loss);
                boolean last = k + 1 == batches;
                if (checkpoint != null && (last || (k + 1) % config.checkpointEvery() == 0)) {
                    // at an epoch's end the epoch metrics are recorded first, see below
                    if (!last) save(checkpoint, fp, net, systems, meter, e, k + 1, epochLoss, priorSeconds + secs(t0), history, ls);
                }
            }
            double val = xv.length == 0 ? Double.NaN : PffNetwork.accuracy(net.predict(xv, systems, meter, config.batchSize()), yv);
            double elapsed = priorSeconds + secs(t0);
            history.add(new double[] {e, epochLoss / batches, val, elapsed});
            ls.onEpochEnd(e, epochLoss / batches, val, elapsed);
            LOG.debug("PFF epoch {} loss {} val {}", e, epochLoss / batches, val);
            epochLoss = 0;
            if (checkpoint != null) save(checkpoint, fp, net, systems, meter, e + 1, 0, 0, elapsed, history, ls);
        }
        LinearReadout readout = null;
        if (config.readout()) {
            double[][] f = net.readoutFeatures(xt, systems, meter, 256);
            readout = new LinearReadout(f[0].length, classes, 0.01, 0, config.seed()).fit(f, Arrays.copyOf(y, nTrain), config.readoutEpochs(), config.seed());
            meter.addMacs(readout.macs());
        }
        double total = priorSeconds + secs(t0);
        ls.onRunEnd(total);
        return new PffModel(net, readout, List.copyOf(history), meter.queries(), meter.samples(), meter.macs(), total);
    }

    private static double secs(long t0) { return (System.nanoTime() - t0) / 1e9; }

    /**
     * A hash of the training inputs and labels, so that a checkpoint is not resumed on other data (another split or
     * preprocessing with the same sizes, e.g. another vowel protocol).
     */
    static String dataHash(double[][] x, int[] y) {
        long h = 0xcbf29ce484222325L;
        for (double[] row : x) {
            for (double v : row) { h ^= Double.doubleToLongBits(v); h *= 0x100000001b3L; h ^= h >>> 29; }
        }
        for (int v : y) { h ^= v; h *= 0x100000001b3L; }
        return Long.toHexString(h);
    }

    /**
     * What a checkpoint must match to be resumed: every {@link PffConfig} component except {@code checkpointEvery}
     * (which only decides when to save), the data sizes and hash, and each device's spec and, for simulated
     * devices, its settings (seed, noise, quantisation, drift, re-draw, max batch).
     */
    private java.util.Map<String, String> fingerprint(int features, int classes, List<? extends PhysicalSystem> systems, int nTrain,
                                                      String data) {
        java.util.Map<String, String> fp = new java.util.LinkedHashMap<>();
        fp.put("format", "pff-v2");
        for (java.lang.reflect.RecordComponent rc : PffConfig.class.getRecordComponents()) {
            if (rc.getName().equals("checkpointEvery")) continue;
            try {
                fp.put(rc.getName(), String.valueOf(rc.getAccessor().invoke(config)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Expected readable PffConfig." + rc.getName() + " (got " + e + ")", e);
            }
        }
        fp.put("features", Integer.toString(features));
        fp.put("classes", Integer.toString(classes));
        fp.put("train", Integer.toString(nTrain));
        fp.put("data", data);
        fp.put("blocks", Integer.toString(systems.size()));
        for (int i = 0; i < systems.size(); i++) {
            PhysicalSystem sys = systems.get(i);
            fp.put("device." + i, sys.spec().toString());
            if (sys instanceof org.forwardlearn.physical.sim.SimulatedSystem sim) fp.put("device." + i + ".settings", sim.settings().toString());
        }
        return fp;
    }

    private static PffCheckpoint read(Path p) {
        try { return PffCheckpoint.read(p); } catch (IOException e) { throw new UncheckedIOException(e); }
    }

    private void save(Path path, java.util.Map<String, String> fp, PffNetwork net, List<? extends PhysicalSystem> systems, Meter meter, int epoch, int next,
                      double epochLoss, double elapsed, List<double[]> history, PffListener ls) {
        int b = net.blocks().size();
        double[][] params = new double[b][], adam = new double[b][], dev = new double[b][];
        for (int i = 0; i < b; i++) {
            PffBlock blk = net.blocks().get(i);
            List<Parameter> ps = blk.layer().parameters();
            double[] w = ps.get(0).value().data, bias = ps.get(1).value().data;
            int nw = ps.get(0).size(), nb = ps.get(1).size();
            params[i] = new double[nw + nb];
            System.arraycopy(w, 0, params[i], 0, nw);
            System.arraycopy(bias, 0, params[i], nw, nb);
            adam[i] = blk.optimizer().saveState(ps);
            dev[i] = systems.get(i) instanceof StatefulSystem st ? st.state() : new double[0];
        }
        try {
            new PffCheckpoint(fp, epoch, next, epochLoss, new long[] {meter.queries(), meter.samples(), meter.macs()}, elapsed,
                    params, adam, dev, history.toArray(new double[0][])).write(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Expected to write checkpoint " + path, e);
        }
        ls.onCheckpoint(epoch, next, path);
    }

    private static void restore(PffNetwork net, PffCheckpoint c, List<? extends PhysicalSystem> systems) {
        int b = net.blocks().size();
        if (c.history().length != c.epoch()) {
            throw new IllegalArgumentException("Expected " + c.epoch() + " history rows (got " + c.history().length + ")");
        }
        if (c.params().length != b) throw new IllegalArgumentException("Expected " + b + " blocks in the checkpoint (got " + c.params().length + ")");
        for (int i = 0; i < b; i++) {
            PffBlock blk = net.blocks().get(i);
            List<Parameter> ps = blk.layer().parameters();
            int nw = ps.get(0).size(), nb = ps.get(1).size();
            if (c.params()[i].length != nw + nb) {
                throw new IllegalArgumentException("Expected " + (nw + nb) + " parameters for block " + i + " (got " + c.params()[i].length + ")");
            }
            System.arraycopy(c.params()[i], 0, ps.get(0).value().data, 0, nw);
            System.arraycopy(c.params()[i], nw, ps.get(1).value().data, 0, nb);
            double[] adamState = c.adam()[i];
            if (adamState.length == 0 || adamState[0] < 0 || adamState[0] != Math.rint(adamState[0])) {
                throw new IllegalArgumentException("Expected an Adam step count >= 0 for block " + i + " (got "
                        + (adamState.length == 0 ? "none" : Double.toString(adamState[0])) + ")");
            }
            if (adamState.length == 1 + 2 * (nw + nb)) { // [t, m(W), v(W), m(b), v(b)]; a wrong length is refused by loadState
                int[][] vRanges = {{1 + nw, 1 + 2 * nw}, {1 + 2 * nw + nb, adamState.length}};
                for (int[] r : vRanges) {
                    for (int k = r[0]; k < r[1]; k++) {
                        if (adamState[k] < 0) throw new IllegalArgumentException("Expected Adam second moments >= 0 for block " + i + " (got " + adamState[k] + ")");
                    }
                }
            }
            blk.optimizer().loadState(ps, adamState);
            if (c.devices()[i].length > 0 && systems.get(i) instanceof StatefulSystem st) st.restoreState(c.devices()[i]);
        }
    }
}
