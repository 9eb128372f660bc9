package org.forwardlearn.core.ff;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.optim.OptimizerConfig;
import org.forwardlearn.core.train.Schedule;

/**
 * Immutable configuration of Hinton's forward-forward MLP.
 *
 * @param hidden        hidden layer sizes (each one is a layer trained by its own objective)
 * @param loss          "ff" (Hinton: softplus(-(G+ - theta)) + softplus(G- - theta)) or "symba" (softplus(-alpha (G+ - G-)))
 * @param threshold     theta of the ff loss
 * @param alpha         alpha of the SymBa loss
 * @param meanGoodness  goodness = mean (true) or sum (false) of squared activations
 * @param activation    hidden activation
 * @param epochs        maximum epochs
 * @param batchSize     mini-batch size (0 = full batch)
 * @param validateEvery validate every k epochs
 * @param patience      early-stopping patience in epochs (0 = none)
 * @param schedule      ALL_LAYERS (every batch updates every layer, as Hinton) or GREEDY
 * @param optimizer     per-layer optimizer
 * @param skipFirstLayer at inference, leave the first layer's goodness out of the sum (when there are &gt;= 2 layers)
 * @param standardize   z-score the inputs with the training set's global mean and standard deviation (kept in the model)
 * @param seed          seed of initialisation, shuffling and negative labels
 */
public record FfMlpConfig(int[] hidden, String loss, double threshold, double alpha, boolean meanGoodness,
                          Activation activation, int epochs, int batchSize, int validateEvery, int patience,
                          Schedule schedule, OptimizerConfig optimizer, boolean skipFirstLayer, boolean standardize,
                          long seed) {
    public FfMlpConfig {
        hidden = hidden.clone();
        if (hidden.length == 0) throw new IllegalArgumentException("Expected at least one hidden layer (got none)");
        for (int h : hidden) if (h <= 0) throw new IllegalArgumentException("Expected positive layer sizes (got " + Arrays.toString(hidden) + ")");
        if (!loss.equals("ff") && !loss.equals("symba")) throw new IllegalArgumentException("Expected loss ff|symba (got '" + loss + "')");
        if (epochs < 1) throw new IllegalArgumentException("Expected epochs >= 1 (got " + epochs + ")");
        if (batchSize < 0) throw new IllegalArgumentException("Expected batch size >= 0 (got " + batchSize + ")");
    }

    /**
     * The documented Fashion-MNIST configuration: 2 x 500 ReLU, SymBa (alpha 4) on mean-of-squares goodness,
     * all layers every batch, Adam 3e-3, batch 100, at most 20 epochs, validation every 2 epochs with patience 6,
     * inputs z-scored, seed 1.
     */
    public static FfMlpConfig defaults() {
        return new FfMlpConfig(new int[] {500, 500}, "symba", 2.0, 4.0, true, Activation.RELU, 20, 100, 2, 6,
                Schedule.ALL_LAYERS, OptimizerConfig.adam(3e-3, 0.0), false, true, 1L);
    }

    @Override public int[] hidden() { return hidden.clone(); }

    public FfMlpConfig withHidden(int... v) { return new FfMlpConfig(v, loss, threshold, alpha, meanGoodness, activation, epochs, batchSize, validateEvery, patience, schedule, optimizer, skipFirstLayer, standardize, seed); }

    public FfMlpConfig withLoss(String v) { return new FfMlpConfig(hidden, v, threshold, alpha, meanGoodness, activation, epochs, batchSize, validateEvery, patience, schedule, optimizer, skipFirstLayer, standardize, seed); }

    public FfMlpConfig withThreshold(double v) { return new FfMlpConfig(hidden, loss, v, alpha, meanGoodness, activation, epochs, batchSize, validateEvery, patience, schedule, optimizer, skipFirstLayer, standardize, seed); }

    public FfMlpConfig withAlpha(double v) { return new FfMlpConfig(hidden, loss, threshold, v, meanGoodness, activation, epochs, batchSize, validateEvery, patience, schedule, optimizer, skipFirstLayer, standardize, seed); }

    public FfMlpConfig withMeanGoodness(boolean v) { return new FfMlpConfig(hidden, loss, threshold, alpha, v, activation, epochs, batchSize, validateEvery, patience, schedule, optimizer, skipFirstLayer, standardize, seed); }

    public FfMlpConfig withEpochs(int v) { return new FfMlpConfig(hidden, loss, threshold, alpha, meanGoodness, activation, v, batchSize, validateEvery, patience, schedule, optimizer, skipFirstLayer, standardize, seed); }

    public FfMlpConfig withBatchSize(int v) { return new FfMlpConfig(hidden, loss, threshold, alpha, meanGoodness, activation, epochs, v, validateEvery, patience, schedule, optimizer, skipFirstLayer, standardize, seed); }

    public FfMlpConfig withValidation(int every, int patience) { return new FfMlpConfig(hidden, loss, threshold, alpha, meanGoodness, activation, epochs, batchSize, every, patience, schedule, optimizer, skipFirstLayer, standardize, seed); }

    public FfMlpConfig withSchedule(Schedule v) { return new FfMlpConfig(hidden, loss, threshold, alpha, meanGoodness, activation, epochs, batchSize, validateEvery, patience, v, optimizer, skipFirstLayer, standardize, seed); }

    public FfMlpConfig withOptimizer(OptimizerConfig v) { return new FfMlpConfig(hidden, loss, threshold, alpha, meanGoodness, activation, epochs, batchSize, validateEvery, patience, schedule, v, skipFirstLayer, standardize, seed); }

    public FfMlpConfig withSkipFirstLayer(boolean v) { return new FfMlpConfig(hidden, loss, threshold, alpha, meanGoodness, activation, epochs, batchSize, validateEvery, patience, schedule, optimizer, v, standardize, seed); }

    public FfMlpConfig withActivation(Activation v) { return new FfMlpConfig(hidden, loss, threshold, alpha, meanGoodness, v, epochs, batchSize, validateEvery, patience, schedule, optimizer, skipFirstLayer, standardize, seed); }

    public FfMlpConfig withStandardize(boolean v) { return new FfMlpConfig(hidden, loss, threshold, alpha, meanGoodness, activation, epochs, batchSize, validateEvery, patience, schedule, optimizer, skipFirstLayer, v, seed); }

    public FfMlpConfig withSeed(long v) { return new FfMlpConfig(hidden, loss, threshold, alpha, meanGoodness, activation, epochs, batchSize, validateEvery, patience, schedule, optimizer, skipFirstLayer, standardize, v); }

    /** Flat description for provenance. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden", Arrays.toString(hidden));
        m.put("loss", loss);
        m.put("threshold", Double.toString(threshold));
        m.put("alpha", Double.toString(alpha));
        m.put("goodness", meanGoodness ? "mean-squares" : "sum-squares");
        m.put("activation", activation.name().toLowerCase());
        m.put("epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("validate_every", Integer.toString(validateEvery));
        m.put("patience", Integer.toString(patience));
        m.put("schedule", schedule.name().toLowerCase());
        m.put("optimizer", optimizer.kind());
        m.put("lr", Double.toString(optimizer.lr()));
        m.put("weight_decay", Double.toString(optimizer.weightDecay()));
        m.put("skip_first_layer", Boolean.toString(skipFirstLayer));
        m.put("standardize", Boolean.toString(standardize));
        m.put("seed", Long.toString(seed));
        return m;
    }
}
