package org.forwardlearn.core.train;

import java.util.List;
import org.forwardlearn.core.layer.Parameter;

/**
 * One layer-local learning problem, as seen by {@link LayerwiseTrainer}. The problem owns its layers,
 * data and objectives; the trainer owns the loop, the optimizers, early stopping and listeners.
 * <p>
 * Locality contract: {@link #lossAndGradient} for layer l accumulates gradients into layer l's
 * parameters only, computed from layer l's own input (a constant) and output.
 */
public interface LayerwiseProblem {
    int numLayers();

    /** The live parameters of layer l (updated in place by the optimizer). */
    List<Parameter> parameters(int layer);

    /** Mini-batches of layer l in this epoch (1 = full batch). The problem shuffles with its own seeded RNG. */
    default int batches(int layer, int epoch) { return 1; }

    /**
     * Optimizer steps layer l takes on one batch (default 1): the trainer calls {@link #lossAndGradient} and steps the
     * optimizer this many times in a row, so a problem whose inputs are expensive (a measured device) computes them
     * once per (layer, epoch, batch) and reuses them. The loss of the last step is the batch's loss.
     */
    default int steps(int layer, int epoch, int batch) { return 1; }

    /**
     * Computes layer l's local loss on one batch and accumulates dLoss/dParameters of layer l
     * (the trainer zeroes the gradients before the call and applies the optimizer after).
     */
    double lossAndGradient(int layer, int epoch, int batch);

    /**
     * Validation metric (higher is better) of the model made of the layers trained so far, up to and
     * including {@code layer}. Called every {@link TrainerConfig#validateEvery()} epochs.
     */
    double validate(int layer);

    /**
     * Extra state a resumable checkpoint must hold besides the parameters and optimizer states (counters, a
     * device's state...), by name; RNG state is not part of it: problems derive their streams from (seed, epoch,
     * batch) with {@link org.forwardlearn.core.random.Seeds}. Values must be finite.
     */
    default java.util.Map<String, double[]> checkpointState() { return java.util.Map.of(); }

    /** Restores {@link #checkpointState()} on resume (before training continues); throw IllegalArgumentException on a bad value. */
    default void restoreCheckpointState(java.util.Map<String, double[]> state) {}

    /** Called once layer l is final (best weights restored): the place to materialise its outputs. */
    default void layerFinished(int layer) {}
}
