package org.forwardlearn.core.train;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.optim.Optimizer;
import org.forwardlearn.core.provenance.RunProvenance;

/**
 * Trains a {@link LayerwiseProblem} layer by layer (or all layers every epoch), each layer with its own
 * optimizer, with early stopping on the validation metric and restoration of the best parameters.
 * Stateless apart from its immutable {@link TrainerConfig}; safe to reuse.
 */
public final class LayerwiseTrainer {
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
        if (listener == null) listener = TrainingListener.NONE;
        if (provenance == null) {
            provenance = RunProvenance.start("layerwise", config.toMap(), config.seed(), "", "", "ejml");
        }
        listener.onRunStart(n, startLayer);
        for (int l = 0; l < startLayer; l++) problem.layerFinished(l);
        List<LayerReport> reports = new ArrayList<>();
        if (config.schedule() == Schedule.GREEDY) {
            for (int l = startLayer; l < n; l++) {
                reports.add(trainLayers(problem, new int[] {l}, listener));
                problem.layerFinished(l);
            }
        } else if (startLayer < n) {
            int[] all = new int[n - startLayer];
            for (int i = 0; i < all.length; i++) all[i] = startLayer + i;
            reports.add(trainLayers(problem, all, listener));
            for (int l : all) problem.layerFinished(l);
        }
        TrainingResult result = new TrainingResult(reports, provenance.finished());
        listener.onRunEnd(result);
        return result;
    }

    /** Trains the given layers together (one layer for GREEDY); validation uses the top one. */
    private LayerReport trainLayers(LayerwiseProblem problem, int[] layers, TrainingListener listener) {
        int top = layers[layers.length - 1];
        int reportLayer = layers.length == 1 ? top : -1;
        listener.onLayerStart(reportLayer == -1 ? top : reportLayer, config.maxEpochs());
        Optimizer[] opts = new Optimizer[layers.length];
        List<List<Parameter>> params = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            opts[i] = config.optimizer().create();
            params.add(problem.parameters(layers[i]));
        }
        long t0 = System.nanoTime();
        double best = Double.NEGATIVE_INFINITY;
        int bestEpoch = -1, epoch = 0, sinceBest = 0;
        boolean early = false;
        List<DMatrixRMaj[]> snapshot = null;
        List<EpochStats> history = new ArrayList<>();
        for (; epoch < config.maxEpochs(); epoch++) {
            double loss = 0;
            int batches = problem.batches(layers[0], epoch);
            for (int b = 0; b < batches; b++) {
                for (int i = 0; i < layers.length; i++) {
                    for (Parameter p : params.get(i)) p.zeroGrad();
                    loss += problem.lossAndGradient(layers[i], epoch, b);
                    opts[i].step(params.get(i));
                }
            }
            loss /= batches;
            double metric = Double.NaN;
            if ((epoch + 1) % config.validateEvery() == 0 || epoch == config.maxEpochs() - 1) {
                metric = problem.validate(top);
                if (metric > best) {
                    best = metric;
                    bestEpoch = epoch;
                    sinceBest = 0;
                    if (config.restoreBest()) snapshot = snapshot(params, snapshot);
                }
            }
            history.add(new EpochStats(reportLayer == -1 ? top : reportLayer, epoch, config.maxEpochs(), loss, metric,
                    bestEpoch < 0 ? Double.NaN : best, (System.nanoTime() - t0) * 1e-9));
            listener.onEpochEnd(history.get(history.size() - 1));
            sinceBest++;
            if (config.patience() > 0 && bestEpoch >= 0 && sinceBest > config.patience()) {
                epoch++;
                early = true;
                break;
            }
        }
        if (config.restoreBest() && snapshot != null) restore(params, snapshot);
        LayerReport report = new LayerReport(reportLayer, epoch, bestEpoch, bestEpoch < 0 ? Double.NaN : best,
                (System.nanoTime() - t0) * 1e-9, early, history);
        listener.onLayerEnd(report);
        return report;
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
