package org.forwardlearn.physical.pff;

import org.forwardlearn.core.optim.OptimizerConfig;

/**
 * Immutable PFF training configuration.
 *
 * @param hidden          output size of each block's digital linear map (also the next block's input size)
 * @param skip            concatenate the block input to the measured outputs: a = [P(E(h)); h]
 * @param goodness        "cosine" (cos of |z| to a fixed random unit vector per block) or "squares" (sum of z^2)
 * @param alpha           SymBa scale: loss = softplus(-alpha (G+ - G-))
 * @param optimizer       the digital maps' optimizer (core {@link OptimizerConfig}: Adam or SGD, learning rate, weight decay)
 * @param innerSteps      Adam steps per measured batch, measured outputs held constant
 * @param batchSize       samples per batch (the device sees 2 x batchSize rows: positives and negatives)
 * @param epochs          passes over the training set
 * @param seed            seeds initialisation, goodness directions, shuffling and negative labels
 * @param encoder         "auto" (binary domain: binary; square device input of 64 or more: slm; else unit-norm),
 *                        "unit-norm", "unit-norm-shift", "binary", "slm", "slm-label" (block 1's label entries on
 *                        a band of the SLM) or "slm-mask" (block 1's label as a fixed binary pattern over the SLM), see {@link Encoders#create(String, int, int, org.forwardlearn.physical.SystemSpec, int)})
 * @param encoderBits     bits per value of the binary encoder
 * @param valSize         the last valSize training samples are held out for per-epoch validation (0 = none)
 * @param readout         also train a linear softmax readout on the blocks' outputs (one device pass per sample)
 * @param readoutEpochs   epochs of the readout's training (Adam, full-batch on cached features)
 * @param checkpointEvery save a checkpoint every this many batches (when a checkpoint path is given)
 */
public record PffConfig(int hidden, boolean skip, String goodness, double alpha, OptimizerConfig optimizer,
                        int innerSteps, int batchSize, int epochs, long seed, String encoder, int encoderBits,
                        int valSize, boolean readout, int readoutEpochs, int checkpointEvery) {
    public PffConfig {
        if (hidden < 1) throw new IllegalArgumentException("Expected hidden >= 1 (got " + hidden + ")");
        if (!goodness.equals("cosine") && !goodness.equals("squares")) {
            throw new IllegalArgumentException("Expected goodness cosine|squares (got '" + goodness + "')");
        }
        if (!(alpha > 0)) throw new IllegalArgumentException("Expected alpha > 0 (got " + alpha + ")");
        if (optimizer == null) throw new IllegalArgumentException("Expected an optimizer (got null)");
        if (innerSteps < 1) throw new IllegalArgumentException("Expected innerSteps >= 1 (got " + innerSteps + ")");
        if (batchSize < 1) throw new IllegalArgumentException("Expected batchSize >= 1 (got " + batchSize + ")");
        if (epochs < 0) throw new IllegalArgumentException("Expected epochs >= 0 (got " + epochs + ")");
        if (!java.util.List.of("auto", "unit-norm", "unit-norm-shift", "binary", "slm", "slm-label", "slm-mask").contains(encoder)) {
            throw new IllegalArgumentException("Expected encoder auto|unit-norm|unit-norm-shift|binary|slm|slm-label|slm-mask (got '" + encoder + "')");
        }
        if (valSize < 0) throw new IllegalArgumentException("Expected valSize >= 0 (got " + valSize + ")");
        if (checkpointEvery < 1) throw new IllegalArgumentException("Expected checkpointEvery >= 1 (got " + checkpointEvery + ")");
    }

    /** hidden 20, skip, cosine, alpha 4, Adam lr 0.01 wd 0, 5 inner steps, batch 32, 30 epochs, seed 0, auto encoder, 2 bits. */
    public static PffConfig defaults() {
        return new PffConfig(20, true, "cosine", 4.0, OptimizerConfig.adam(0.01, 0.0), 5, 32, 30, 0L, "auto", 2, 0, false, 100, 1);
    }

    public PffConfig withHidden(int h) { return new PffConfig(h, skip, goodness, alpha, optimizer, innerSteps, batchSize, epochs, seed, encoder, encoderBits, valSize, readout, readoutEpochs, checkpointEvery); }

    public PffConfig withSkip(boolean s) { return new PffConfig(hidden, s, goodness, alpha, optimizer, innerSteps, batchSize, epochs, seed, encoder, encoderBits, valSize, readout, readoutEpochs, checkpointEvery); }

    public PffConfig withGoodness(String g) { return new PffConfig(hidden, skip, g, alpha, optimizer, innerSteps, batchSize, epochs, seed, encoder, encoderBits, valSize, readout, readoutEpochs, checkpointEvery); }

    public PffConfig withAlpha(double a) { return new PffConfig(hidden, skip, goodness, a, optimizer, innerSteps, batchSize, epochs, seed, encoder, encoderBits, valSize, readout, readoutEpochs, checkpointEvery); }

    /** Learning rate of the optimizer. */
    public double lr() { return optimizer.lr(); }

    /** L2 weight decay of the optimizer. */
    public double weightDecay() { return optimizer.weightDecay(); }

    /** Adam with this learning rate and weight decay. */
    public PffConfig withOptimizer(double l, double wd) { return withOptimizer(OptimizerConfig.adam(l, wd)); }

    public PffConfig withOptimizer(OptimizerConfig o) { return new PffConfig(hidden, skip, goodness, alpha, o, innerSteps, batchSize, epochs, seed, encoder, encoderBits, valSize, readout, readoutEpochs, checkpointEvery); }

    public PffConfig withSteps(int inner, int batch, int ep) { return new PffConfig(hidden, skip, goodness, alpha, optimizer, inner, batch, ep, seed, encoder, encoderBits, valSize, readout, readoutEpochs, checkpointEvery); }

    public PffConfig withSeed(long s) { return new PffConfig(hidden, skip, goodness, alpha, optimizer, innerSteps, batchSize, epochs, s, encoder, encoderBits, valSize, readout, readoutEpochs, checkpointEvery); }

    public PffConfig withEncoder(String e, int bits) { return new PffConfig(hidden, skip, goodness, alpha, optimizer, innerSteps, batchSize, epochs, seed, e, bits, valSize, readout, readoutEpochs, checkpointEvery); }

    public PffConfig withValSize(int v) { return new PffConfig(hidden, skip, goodness, alpha, optimizer, innerSteps, batchSize, epochs, seed, encoder, encoderBits, v, readout, readoutEpochs, checkpointEvery); }

    public PffConfig withReadout(boolean r, int ep) { return new PffConfig(hidden, skip, goodness, alpha, optimizer, innerSteps, batchSize, epochs, seed, encoder, encoderBits, valSize, r, ep, checkpointEvery); }

    public PffConfig withCheckpointEvery(int k) { return new PffConfig(hidden, skip, goodness, alpha, optimizer, innerSteps, batchSize, epochs, seed, encoder, encoderBits, valSize, readout, readoutEpochs, k); }
}
