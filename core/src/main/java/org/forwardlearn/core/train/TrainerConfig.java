package org.forwardlearn.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.forwardlearn.core.optim.OptimizerConfig;

/**
 * Immutable configuration of a {@link LayerwiseTrainer}.
 *
 * @param maxEpochs     maximum epochs per layer (GREEDY) or in total (ALL_LAYERS)
 * @param validateEvery validate every k epochs (k &gt;= 1)
 * @param patience      stop after this many EPOCHS without a better validation metric (0 = never stop early). Patience
 *                      counts epochs everywhere in forwardlearn; a patience counted in validations converts at the
 *                      edge with {@link #patienceFromValidations}
 * @param restoreBest   restore the parameters of the best validation epoch at the end of a layer
 * @param schedule      GREEDY or ALL_LAYERS
 * @param optimizer     a fresh optimizer per layer is made from it
 * @param seed          the run's seed (recorded in the provenance; problems derive their RNGs from it)
 */
public record TrainerConfig(int maxEpochs, int validateEvery, int patience, boolean restoreBest,
                            Schedule schedule, OptimizerConfig optimizer, long seed) {
    public TrainerConfig {
        if (maxEpochs < 1) throw new IllegalArgumentException("Expected maxEpochs >= 1 (got " + maxEpochs + ")");
        if (validateEvery < 1) throw new IllegalArgumentException("Expected validateEvery >= 1 (got " + validateEvery + ")");
        if (patience < 0) throw new IllegalArgumentException("Expected patience >= 0 (got " + patience + ")");
        if (schedule == null || optimizer == null) throw new IllegalArgumentException("Expected a schedule and an optimizer (got null)");
    }

    /** Epochs of patience equivalent to {@code validations} validations every {@code validateEvery} epochs. */
    public static int patienceFromValidations(int validations, int validateEvery) {
        if (validations < 0 || validateEvery < 1) {
            throw new IllegalArgumentException("Expected validations >= 0 and validateEvery >= 1 (got " + validations + ", " + validateEvery + ")");
        }
        return Math.multiplyExact(validations, validateEvery);
    }

    /** ForwardGNN's protocol: 1000 epochs, validate every 2, patience 100, restore best, greedy, Adam(1e-3, wd 5e-4). */
    public static TrainerConfig defaults() {
        return new TrainerConfig(1000, 2, 100, true, Schedule.GREEDY, OptimizerConfig.adam(1e-3, 5e-4), 0L);
    }

    public TrainerConfig withMaxEpochs(int v) { return new TrainerConfig(v, validateEvery, patience, restoreBest, schedule, optimizer, seed); }

    public TrainerConfig withValidateEvery(int v) { return new TrainerConfig(maxEpochs, v, patience, restoreBest, schedule, optimizer, seed); }

    public TrainerConfig withPatience(int v) { return new TrainerConfig(maxEpochs, validateEvery, v, restoreBest, schedule, optimizer, seed); }

    public TrainerConfig withRestoreBest(boolean v) { return new TrainerConfig(maxEpochs, validateEvery, patience, v, schedule, optimizer, seed); }

    public TrainerConfig withSchedule(Schedule v) { return new TrainerConfig(maxEpochs, validateEvery, patience, restoreBest, v, optimizer, seed); }

    public TrainerConfig withOptimizer(OptimizerConfig v) { return new TrainerConfig(maxEpochs, validateEvery, patience, restoreBest, schedule, v, seed); }

    public TrainerConfig withSeed(long v) { return new TrainerConfig(maxEpochs, validateEvery, patience, restoreBest, schedule, optimizer, v); }

    /** A flat description for provenance and result files. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("max_epochs", Integer.toString(maxEpochs));
        m.put("validate_every", Integer.toString(validateEvery));
        m.put("patience", Integer.toString(patience));
        m.put("restore_best", Boolean.toString(restoreBest));
        m.put("schedule", schedule.name().toLowerCase());
        m.put("optimizer", optimizer.kind());
        m.put("lr", Double.toString(optimizer.lr()));
        m.put("weight_decay", Double.toString(optimizer.weightDecay()));
        m.put("momentum", Double.toString(optimizer.momentum()));
        m.put("seed", Long.toString(seed));
        return m;
    }
}
