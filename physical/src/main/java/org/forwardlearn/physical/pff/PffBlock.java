package org.forwardlearn.physical.pff;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.objective.CosineGoodness;
import org.forwardlearn.core.objective.Goodness;
import org.forwardlearn.core.objective.SquaredGoodness;
import org.forwardlearn.core.objective.SymBaLoss;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.core.random.Seeds;
import org.forwardlearn.physical.encode.Encoder;

/**
 * One PFF block: encoder E -> device P (measured, a constant) -> a = [P(E(h)); h] (skip) or P(E(h)) ->
 * z = a W + b (core {@link DenseLayer}, identity) -> goodness -> SymBa on (positive, negative) rows. Only W and
 * b are trained (by core's {@link org.forwardlearn.core.train.LayerwiseTrainer} through {@link PffProblem}), with the
 * gradient of this block's own loss: nothing is sent back to the device or to an earlier block.
 */
public final class PffBlock {
    private final Encoder encoder;
    private final DenseLayer layer;
    private final Goodness goodness;
    private final SymBaLoss loss;
    private final int inputSize;
    private final boolean skip;
    private final DMatrixRMaj zPos = new DMatrixRMaj(1, 1), zNeg = new DMatrixRMaj(1, 1);
    private final DMatrixRMaj dPos = new DMatrixRMaj(1, 1), dNeg = new DMatrixRMaj(1, 1);

    /**
     * @param index block index (seeds its weights and goodness direction)
     */
    public PffBlock(int index, int inputSize, Encoder encoder, int deviceOutputs, PffConfig cfg) {
        if (encoder.inputSize() != inputSize) {
            throw new IllegalArgumentException("Expected an encoder for " + inputSize + " inputs (got " + encoder.inputSize() + ")");
        }
        this.encoder = encoder;
        this.inputSize = inputSize;
        this.skip = cfg.skip();
        int a = deviceOutputs + (skip ? inputSize : 0);
        this.layer = new DenseLayer(a, cfg.hidden(), Activation.IDENTITY, Init.TORCH_DEFAULT, Seeds.random(cfg.seed(), 0x57L, index));
        this.goodness = cfg.goodness().equals("cosine")
                ? CosineGoodness.random(cfg.hidden(), Seeds.random(cfg.seed(), 0x58L, index)) : SquaredGoodness.mean();
        this.loss = new SymBaLoss(goodness, cfg.alpha());
    }

    public int inputSize() { return inputSize; }

    public int outputSize() { return layer.outputSize(); }

    public Encoder encoder() { return encoder; }

    public DenseLayer layer() { return layer; }

    /** Measures E(h) on the device (through the meter) and builds a = [P(E(h)); h]. */
    public DMatrixRMaj features(double[][] h, PhysicalSystem system, Meter meter) {
        if (h.length > 0 && h[0].length != inputSize) {
            throw new IllegalArgumentException("Expected block input with " + inputSize + " columns (got " + h[0].length + ")");
        }
        double[][] p = meter.measure(system, encoder.encode(h));
        int po = p.length == 0 ? 0 : p[0].length, cols = layer.inputSize();
        if (po + (skip ? inputSize : 0) != cols) {
            throw new IllegalArgumentException("Expected " + (cols - (skip ? inputSize : 0)) + " device outputs (got " + po + ")");
        }
        DMatrixRMaj a = new DMatrixRMaj(h.length, cols);
        for (int r = 0; r < h.length; r++) {
            System.arraycopy(p[r], 0, a.data, r * cols, po);
            if (skip) System.arraycopy(h[r], 0, a.data, r * cols + po, inputSize);
        }
        return a;
    }

    /** Zeroes and accumulates the local gradient of the SymBa loss; returns the loss. Counts forward+backward MACs. */
    public double lossAndGradient(DMatrixRMaj aPos, DMatrixRMaj aNeg, Meter meter) {
        layer.forward(aPos, zPos);
        layer.forward(aNeg, zNeg);
        double l = loss.evaluate(zPos, zNeg, dPos, dNeg);
        layer.zeroGrad();
        layer.localGradient(aPos, zPos, dPos);
        layer.localGradient(aNeg, zNeg, dNeg);
        if (meter != null) meter.addMacs(2L * (aPos.numRows + aNeg.numRows) * layer.inputSize() * layer.outputSize());
        return l;
    }

    /** z = a W + b (new matrix). */
    public DMatrixRMaj forward(DMatrixRMaj a, Meter meter) {
        if (meter != null) meter.addMacs((long) a.numRows * layer.inputSize() * layer.outputSize());
        return layer.forward(a, null);
    }

    /** Goodness per row of z. */
    public double[] goodness(DMatrixRMaj z) {
        double[] g = new double[z.numRows];
        goodness.evaluate(z, g);
        return g;
    }

    /** The next block's input: each row of z scaled to norm sqrt(hidden) (unit RMS). */
    public static double[][] normalise(DMatrixRMaj z) {
        double[][] h = new double[z.numRows][z.numCols];
        double target = Math.sqrt(z.numCols);
        for (int r = 0; r < z.numRows; r++) {
            double n = 0;
            for (int c = 0; c < z.numCols; c++) n += z.get(r, c) * z.get(r, c);
            n = Math.sqrt(n);
            double s = n < 1e-12 ? 0 : target / n;
            for (int c = 0; c < z.numCols; c++) h[r][c] = z.get(r, c) * s;
        }
        return h;
    }
}
