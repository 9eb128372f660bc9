package org.forwardlearn.physical.baseline;

/**
 * Configuration of the backprop baselines.
 *
 * @param method     "insilico" (twin forward and backward, deploy on the device), "pat" (device forward, twin
 *                   backward) or "bp" (differentiable simulator forward and backward, deploy on the device)
 * @param hidden     digital map width per block
 * @param skip       concatenate the block input to the device output
 * @param lr         Adam learning rate
 * @param batchSize  mini-batch size
 * @param epochs     training epochs
 * @param twinPairs  measured pairs per block for fitting the twin
 * @param twinHidden hidden width of the twin MLP (two hidden layers)
 * @param twinEpochs epochs of twin fitting
 * @param seed       seeds everything
 * @param encoder    as {@link org.forwardlearn.physical.pff.PffConfig#encoder()}
 * @param encoderBits bits per value of the binary encoder
 */
public record BaselineConfig(String method, int hidden, boolean skip, double lr, int batchSize, int epochs, int twinPairs,
                             int twinHidden, int twinEpochs, long seed, String encoder, int encoderBits) {
    public BaselineConfig {
        if (!java.util.List.of("insilico", "pat", "bp").contains(method)) {
            throw new IllegalArgumentException("Expected method insilico|pat|bp (got '" + method + "')");
        }
        if (hidden < 1 || batchSize < 1 || epochs < 0 || twinPairs < 0) {
            throw new IllegalArgumentException("Expected positive sizes (got hidden=" + hidden + ", batch=" + batchSize
                    + ", epochs=" + epochs + ", twinPairs=" + twinPairs + ")");
        }
    }

    public static BaselineConfig defaults(String method) {
        return new BaselineConfig(method, 20, true, 0.003, 32, 30, 2000, 128, 40, 0L, "auto", 2);
    }

    public BaselineConfig with(int hidden, int batchSize, int epochs, double lr, long seed) {
        return new BaselineConfig(method, hidden, skip, lr, batchSize, epochs, twinPairs, twinHidden, twinEpochs, seed, encoder, encoderBits);
    }

    public BaselineConfig withTwin(int pairs, int hiddenUnits, int ep) {
        return new BaselineConfig(method, hidden, skip, lr, batchSize, epochs, pairs, hiddenUnits, ep, seed, encoder, encoderBits);
    }
}
