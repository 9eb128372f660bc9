package org.forwardlearn.physical.sim;

import java.util.Map;

/**
 * Knobs shared by every simulated system.
 *
 * @param seed               seeds the device's hidden structure, its noise and its drift
 * @param noise              detector noise: additive Gaussian standard deviation in output units (for the
 *                           acoustic surrogate, a multiple of the measured per-output residual level)
 * @param bits               detector quantisation: 0 = none, else outputs are clipped to [0, fullScale] and
 *                           rounded to 2^bits levels
 * @param drift              slow drift: each measured sample moves every drifting parameter by a Gaussian step
 *                           of standard deviation {@code drift * parameterScale} (a random walk)
 * @param redrawAfterSamples after this many measured samples the hidden structure is re-drawn once
 *                           (a sudden change, e.g. the fibre is moved); -1 = never
 * @param maxBatch           largest batch one measure call accepts
 */
public record SimSettings(long seed, double noise, int bits, double drift, long redrawAfterSamples, int maxBatch) {
    public SimSettings {
        if (noise < 0 || Double.isNaN(noise)) throw new IllegalArgumentException("Expected noise >= 0 (got " + noise + ")");
        if (bits < 0 || bits > 24) throw new IllegalArgumentException("Expected 0..24 quantisation bits (got " + bits + ")");
        if (drift < 0 || Double.isNaN(drift)) throw new IllegalArgumentException("Expected drift >= 0 (got " + drift + ")");
        if (redrawAfterSamples < -1) throw new IllegalArgumentException("Expected redrawAfterSamples >= -1 (got " + redrawAfterSamples + ")");
        if (maxBatch < 1) throw new IllegalArgumentException("Expected maxBatch >= 1 (got " + maxBatch + ")");
    }

    /** Noiseless, unquantised, no drift, never re-drawn, max batch 4096. */
    public static SimSettings ideal(long seed) { return new SimSettings(seed, 0, 0, 0, -1, 4096); }

    public SimSettings withNoise(double n) { return new SimSettings(seed, n, bits, drift, redrawAfterSamples, maxBatch); }

    public SimSettings withBits(int b) { return new SimSettings(seed, noise, b, drift, redrawAfterSamples, maxBatch); }

    public SimSettings withDrift(double d, long redrawAfter) { return new SimSettings(seed, noise, bits, d, redrawAfter, maxBatch); }

    public SimSettings withSeed(long s) { return new SimSettings(s, noise, bits, drift, redrawAfterSamples, maxBatch); }

    /** Reads "seed", "noise", "bits", "drift", "redraw-after", "max-batch" from free-form options. */
    public static SimSettings fromOptions(Map<String, String> o, double defaultNoise) {
        return new SimSettings(Long.parseLong(o.getOrDefault("seed", "0")),
                Double.parseDouble(o.getOrDefault("noise", String.valueOf(defaultNoise))),
                Integer.parseInt(o.getOrDefault("bits", "0")),
                Double.parseDouble(o.getOrDefault("drift", "0")),
                Long.parseLong(o.getOrDefault("redraw-after", "-1")),
                Integer.parseInt(o.getOrDefault("max-batch", "4096")));
    }
}
