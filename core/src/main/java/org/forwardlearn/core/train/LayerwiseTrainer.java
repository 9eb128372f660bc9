package org.forwardlearn.core.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.listen.TrainingCancelledException;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.optim.Optimizer;
import org.forwardlearn.core.provenance.RunProvenance;

/**
 * Trains a {@link LayerwiseProblem} layer by layer (or all layers every batch), each layer with its own
 * optimizer, with early stopping on the validation metric and restoration of the best parameters.
 * Stateless apart from its immutable {@link TrainerConfig}; safe to reuse.
 *
 * <p>Cancellation: before every batch the trainer polls {@link TrainingListener#stopRequested()} and the thread's
 * interrupt flag; on either it saves a checkpoint (when configured) and throws {@link TrainingCancelledException}.
 * Checkpoints and resume: {@link #fit(LayerwiseProblem, TrainingListener, RunProvenance, TrainingCheckpoint)}.
 */
public final class LayerwiseTrainer {
    private static final Logger LOG = LogManager.getLogger(LayerwiseTrainer.class);
    private final TrainerConfig config;

    public LayerwiseTrainer(TrainerConfig config) { this.config = config; }

    public TrainerConfig config() { return config; }

    /** Trains all layers from layer 0. */
    public TrainingResult fit(LayerwiseProblem problem, TrainingListener listener) {
        return fit(problem, listener, 0, null);
    }

    /**
     * Trains layers {@code startLayer..numLayers-1} (layers below are taken as already trained, e.g. restored
     * from a checkpoint; {@link LayerwiseProblem#layerFinished} is called for them first, in order).
     *
     * @param provenance a started provenance to finish and attach, or null for a generic one
     */
    public TrainingResult fit(LayerwiseProblem problem, TrainingListener listener, int startLayer, RunProvenance provenance) {
        int n = problem.numLayers();
        if (startLayer < 0 || startLayer > n) {
            throw new IllegalArgumentException("Expected start layer in [0, " + n + "] (got " + startLayer + ")");
        }
        return run(problem, listener, provenance, null, startLayer, null);
    }

    /**
     * Trains with resumable checkpoints ({@link TrainingCheckpoint}): when {@code checkpoint.resume()} and its file
     * exists, the run continues from it (parameters, optimizer states, position, history, the problem's
     * {@link LayerwiseProblem#checkpointState()}) after checking that its fingerprint (the caller's plus this
     * trainer's configuration) is this run's; a difference is an {@link IllegalArgumentException} naming the file
     * and every differing entry. A corrupt file is a {@link org.forwardlearn.core.io.CheckpointFormatException}.
     */
    public TrainingResult fit(LayerwiseProblem problem, TrainingListener listener, RunProvenance provenance, TrainingCheckpoint checkpoint) {
        if (checkpoint == null) return fit(problem, listener, 0, provenance);
        Map<String, String> fp = new LinkedHashMap<>(checkpoint.fingerprint());
        config.toMap().forEach((k, v) -> fp.put("trainer." + k, v));
        fp.put("trainer.layers", Integer.toString(problem.numLayers()));
        TrainingCheckpoint ck = new TrainingCheckpoint(checkpoint.file(), checkpoint.everyBatches(), fp, checkpoint.resume());
        TrainingState resume = null;
        if (ck.resume() && Files.exists(ck.file())) {
            try {
                resume = TrainingState.load(ck.file());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> diff = TrainingState.differences(fp, resume.fingerprint());
            if (!diff.isEmpty()) {
                throw new IllegalArgumentException("Expected checkpoint " + ck.file() + " to come from a run with this configuration and data (got "
                        + diff.size() + " difference" + (diff.size() == 1 ? "" : "s") + ": " + String.join("; ", diff)
                        + "); resume with the original settings or start afresh");
            }
            try {
                restore(problem, resume);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid checkpoint " + ck.file() + ": " + e.getMessage(), e);
            }
            LOG.info("Resuming from {} at layer {} epoch {} batch {}", ck.file(), resume.layer() + 1, resume.epoch() + 1, resume.nextBatch());
        }
        return run(problem, listener, provenance, ck, resume == null ? 0 : resume.layer(), resume);
    }

    private TrainingResult run(LayerwiseProblem problem, TrainingListener listener, RunProvenance provenance, TrainingCheckpoint ck,
                               int startLayer, TrainingState resume) {
        int n = problem.numLayers();
        if (listener == null) listener = TrainingListener.NONE;
        if (provenance == null) {
            provenance = RunProvenance.start("layerwise", config.toMap(), config.seed(), "", "", "ejml");
        }
        listener.onRunStart(n, startLayer);
        for (int l = 0; l < startLayer; l++) problem.layerFinished(l);
        List<LayerReport> reports = new ArrayList<>();
        if (config.schedule() == Schedule.GREEDY) {
            for (int l = startLayer; l < n; l++) {
                reports.add(trainLayers(problem, new int[] {l}, listener, ck, l == startLayer ? resume : null));
                problem.layerFinished(l);
                if (ck != null && l + 1 < n) save(problem, ck, listener, new Position(l + 1, 0, 0, 0, 0), null, null, null, List.of());
            }
        } else if (startLayer < n) {
            int[] all = new int[n - startLayer];
            for (int i = 0; i < all.length; i++) all[i] = startLayer + i;
            reports.add(trainLayers(problem, all, listener, ck, resume));
            for (int l : all) problem.layerFinished(l);
        }
        TrainingResult result = new TrainingResult(reports, provenance.finished());
        listener.onRunEnd(result);
        return result;
    }

    /** Where a group stands: first layer, epoch, next batch, loss so far in the epoch, seconds so far. */
    private record Position(int layer, int epoch, int nextBatch, double epochLoss, double elapsed) {}

    /** Best-metric bookkeeping of a group. */
    private static final class Best {
        double value = Double.NEGATIVE_INFINITY;
        int epoch = -1, since = 0;
    }

    /** Trains the given layers together (one layer for GREEDY); validation uses the top one. */
    private LayerReport trainLayers(LayerwiseProblem problem, int[] layers, TrainingListener listener, TrainingCheckpoint ck,
                                    TrainingState resume) {
        int top = layers[layers.length - 1];
        int reportLayer = layers.length == 1 ? top : -1;
        int shown = reportLayer == -1 ? top : reportLayer;
        listener.onLayerStart(shown, config.maxEpochs());
        Optimizer[] opts = new Optimizer[layers.length];
        List<List<Parameter>> params = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            opts[i] = config.optimizer().create();
            params.add(problem.parameters(layers[i]));
        }
        Best best = new Best();
        List<DMatrixRMaj[]> snapshot = null;
        List<EpochStats> history = new ArrayList<>();
        int startEpoch = 0, startBatch = 0;
        double startLoss = 0, prior = 0;
        if (resume != null) {
            for (int i = 0; i < layers.length; i++) {
                double[] st = resume.optimizers().get(layers[i]);
                if (st.length > 0 || resume.epoch() > 0 || resume.nextBatch() > 0) opts[i].loadState(params.get(i), st);
            }
            startEpoch = resume.epoch();
            startBatch = resume.nextBatch();
            startLoss = resume.epochLoss();
            prior = resume.elapsed();
            history.addAll(resume.history());
            best.value = resume.best();
            best.epoch = resume.bestEpoch();
            best.since = resume.sinceBest();
            if (resume.bestSnapshot() != null && config.restoreBest()) {
                snapshot = new ArrayList<>();
                for (int i = 0; i < layers.length; i++) {
                    List<DMatrixRMaj> s = resume.bestSnapshot().get(layers[i]);
                    snapshot.add(s == null ? null : s.toArray(new DMatrixRMaj[0]));
                }
                if (snapshot.contains(null)) snapshot = null;
            }
        }
        long t0 = System.nanoTime();
        int epoch = startEpoch;
        boolean early = patienceSpent(best);
        for (; !early && epoch < config.maxEpochs(); epoch++) {
            double loss = epoch == startEpoch ? startLoss : 0;
            int batches = problem.batches(layers[0], epoch);
            for (int b = epoch == startEpoch ? startBatch : 0; b < batches; b++) {
                boolean interrupted = Thread.currentThread().isInterrupted();
                if (interrupted || listener.stopRequested()) {
                    String where = (reportLayer == -1 ? "all layers" : "layer " + (top + 1)) + ", epoch " + (epoch + 1) + ", batch " + (b + 1);
                    if (ck != null) {
                        save(problem, ck, listener, new Position(layers[0], epoch, b, loss, prior + secs(t0)), opts, params, snapshot, history, best);
                    }
                    throw new TrainingCancelledException("Training " + (interrupted ? "interrupted" : "cancelled") + " before " + where
                            + (ck != null ? " (resumable from " + ck.file() + ")" : ""), interrupted);
                }
                double batchLoss = 0;
                for (int i = 0; i < layers.length; i++) {
                    int steps = problem.steps(layers[i], epoch, b);
                    double last = 0;
                    for (int s = 0; s < steps; s++) {
                        for (Parameter p : params.get(i)) p.zeroGrad();
                        last = problem.lossAndGradient(layers[i], epoch, b);
                        opts[i].step(params.get(i));
                    }
                    batchLoss += last;
                }
                loss += batchLoss;
                listener.onBatchEnd(epoch, b, batches, batchLoss);
                if (ck != null && b + 1 < batches && (b + 1) % ck.everyBatches() == 0) {
                    save(problem, ck, listener, new Position(layers[0], epoch, b + 1, loss, prior + secs(t0)), opts, params, snapshot, history, best);
                }
            }
            loss /= batches;
            double metric = Double.NaN;
            if ((epoch + 1) % config.validateEvery() == 0 || epoch == config.maxEpochs() - 1) {
                metric = problem.validate(top);
                if (metric > best.value) {
                    best.value = metric;
                    best.epoch = epoch;
                    best.since = 0;
                    if (config.restoreBest()) snapshot = snapshot(params, snapshot);
                }
            }
            history.add(new EpochStats(shown, epoch, config.maxEpochs(), loss, metric,
                    best.epoch < 0 ? Double.NaN : best.value, prior + secs(t0)));
            listener.onEpochEnd(history.get(history.size() - 1));
            best.since++;
            early = patienceSpent(best);
            if (ck != null) {
                save(problem, ck, listener, new Position(layers[0], epoch + 1, 0, 0, prior + secs(t0)), opts, params, snapshot, history, best);
            }
        }
        if (config.restoreBest() && snapshot != null) restore(params, snapshot);
        LayerReport report = new LayerReport(reportLayer, epoch, best.epoch, best.epoch < 0 ? Double.NaN : best.value,
                prior + secs(t0), early, history);
        listener.onLayerEnd(report);
        return report;
    }

    private boolean patienceSpent(Best best) {
        return config.patience() > 0 && best.epoch >= 0 && best.since > config.patience();
    }

    private static double secs(long t0) { return (System.nanoTime() - t0) * 1e-9; }

    /** Writes the whole run's state at position p (opts/params/snapshot of the group being trained, or null between layers). */
    private void save(LayerwiseProblem problem, TrainingCheckpoint ck, TrainingListener listener, Position p, Optimizer[] opts,
                      List<List<Parameter>> groupParams, List<DMatrixRMaj[]> snapshot, List<EpochStats> history, Best best) {
        int n = problem.numLayers();
        List<List<DMatrixRMaj>> values = new ArrayList<>();
        List<double[]> states = new ArrayList<>();
        List<List<DMatrixRMaj>> snaps = snapshot == null ? null : new ArrayList<>();
        for (int l = 0; l < n; l++) {
            List<DMatrixRMaj> v = new ArrayList<>();
            for (Parameter q : problem.parameters(l)) v.add(q.value());
            values.add(v);
            int gi = opts == null ? -1 : l - p.layer();
            boolean inGroup = opts != null && gi >= 0 && gi < opts.length;
            states.add(inGroup ? opts[gi].saveState(groupParams.get(gi)) : new double[0]);
            if (snaps != null) snaps.add(inGroup ? List.of(snapshot.get(gi)) : null);
        }
        if (snaps != null && snaps.contains(null)) snaps = null;
        Best b = best == null ? new Best() : best;
        TrainingState st = new TrainingState(ck.fingerprint(), p.layer(), p.epoch(), p.nextBatch(), p.epochLoss(), p.elapsed(), b.value,
                b.epoch, b.since, history, values, states, snaps, problem.checkpointState());
        try {
            st.save(ck.file());
        } catch (IOException e) {
            throw new UncheckedIOException("Expected to write checkpoint " + ck.file(), e);
        }
        listener.onCheckpoint(ck.file(), p.epoch(), p.nextBatch());
    }

    private void save(LayerwiseProblem problem, TrainingCheckpoint ck, TrainingListener listener, Position p, Optimizer[] opts,
                      List<List<Parameter>> groupParams, List<DMatrixRMaj[]> snapshot, List<EpochStats> history) {
        save(problem, ck, listener, p, opts, groupParams, snapshot, history, null);
    }

    /** Copies a state's parameters into the problem (shapes checked) and checks its position against this configuration. */
    private void restore(LayerwiseProblem problem, TrainingState s) {
        int n = problem.numLayers();
        if (s.parameters().size() != n) throw new IllegalArgumentException("Expected " + n + " layers (got " + s.parameters().size() + ")");
        if (s.layer() > n || (config.schedule() == Schedule.ALL_LAYERS && s.layer() != 0 && s.layer() != n)) {
            throw new IllegalArgumentException("Expected a layer position in [0, " + n + "] (got " + s.layer() + ")");
        }
        if (s.epoch() > config.maxEpochs()) {
            throw new IllegalArgumentException("Expected a position within " + config.maxEpochs() + " epochs (got epoch " + s.epoch() + ")");
        }
        if (s.layer() < n && s.epoch() < config.maxEpochs()) {
            int batches = problem.batches(s.layer(), s.epoch());
            if (s.nextBatch() >= Math.max(1, batches)) {
                throw new IllegalArgumentException("Expected a next batch below " + batches + " (got " + s.nextBatch() + ")");
            }
        } else if (s.nextBatch() != 0) {
            throw new IllegalArgumentException("Expected next batch 0 at the end of training (got " + s.nextBatch() + ")");
        }
        for (int l = 0; l < n; l++) {
            List<Parameter> ps = problem.parameters(l);
            List<DMatrixRMaj> vs = s.parameters().get(l);
            if (ps.size() != vs.size()) {
                throw new IllegalArgumentException("Expected " + ps.size() + " parameters in layer " + l + " (got " + vs.size() + ")");
            }
            for (int i = 0; i < ps.size(); i++) {
                DMatrixRMaj a = ps.get(i).value(), v = vs.get(i);
                if (a.numRows != v.numRows || a.numCols != v.numCols) {
                    throw new IllegalArgumentException("Expected parameter " + i + " of layer " + l + " of shape " + a.numRows + "x" + a.numCols
                            + " (got " + v.numRows + "x" + v.numCols + ")");
                }
                if (s.bestSnapshot() != null && s.bestSnapshot().get(l) != null) {
                    DMatrixRMaj b = s.bestSnapshot().get(l).get(i);
                    if (b.numRows != a.numRows || b.numCols != a.numCols) {
                        throw new IllegalArgumentException("Expected best-epoch parameter " + i + " of layer " + l + " of shape "
                                + a.numRows + "x" + a.numCols + " (got " + b.numRows + "x" + b.numCols + ")");
                    }
                }
            }
        }
        for (int l = 0; l < n; l++) {
            double[] st = s.optimizers().get(l);
            if (st.length > 0) config.optimizer().create().loadState(problem.parameters(l), st); // validates the state
        }
        for (int l = 0; l < n; l++) {
            List<Parameter> ps = problem.parameters(l);
            for (int i = 0; i < ps.size(); i++) ps.get(i).value().setTo(s.parameters().get(l).get(i));
        }
        problem.restoreCheckpointState(s.problemState());
    }

    private static List<DMatrixRMaj[]> snapshot(List<List<Parameter>> params, List<DMatrixRMaj[]> into) {
        if (into == null) {
            into = new ArrayList<>();
            for (List<Parameter> ps : params) {
                DMatrixRMaj[] copies = new DMatrixRMaj[ps.size()];
                for (int j = 0; j < ps.size(); j++) copies[j] = ps.get(j).value().copy();
                into.add(copies);
            }
            return into;
        }
        for (int i = 0; i < params.size(); i++) {
            for (int j = 0; j < params.get(i).size(); j++) into.get(i)[j].setTo(params.get(i).get(j).value());
        }
        return into;
    }

    private static void restore(List<List<Parameter>> params, List<DMatrixRMaj[]> snapshot) {
        for (int i = 0; i < params.size(); i++) {
            for (int j = 0; j < params.get(i).size(); j++) params.get(i).get(j).value().setTo(snapshot.get(i)[j]);
        }
    }
}
