package org.forwardlearn.physical.hil;

import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.physical.StatefulSystem;
import org.forwardlearn.physical.SystemSpec;

/**
 * The example device of the Python package ({@code python3 -m forwardlearn_device serve --example acoustic}),
 * defined so that this Java twin computes exactly the same float64 outputs: only additions and
 * multiplications in a fixed order, and {@link SplitMix64} for every random number. Shape of the acoustic
 * cavity: {@code inputs} drive amplitudes in [0, 1] (20), {@code outputs} spectral amplitudes (20).
 *
 * <p>Definition (seed s, noise σ), the same in {@code forwardlearn_device/examples/acoustic.py}:
 * <ol>
 *   <li>structure, from SplitMix64(s), drawn in this order: {@code W[j][i] = 0.5 * (2u - 1)} for j over outputs,
 *       i over inputs, then {@code b[j] = 0.2 u};</li>
 *   <li>response to a row x: {@code h = b[j]; for i: h = h + W[j][i] * x[i]}; {@code y[j] = h * h + 0.1 * h};</li>
 *   <li>noise, from SplitMix64(s XOR 0x4E4F495345), 12 uniforms per output value in row-major order of
 *       the measured rows: {@code n = ((u1 + u2) + ... + u12) - 6} (Irwin–Hall, variance 1),
 *       {@code y[j] = y[j] + σ * n}. Row r of the device's life uses draws {@code 12·outputs·r + 1 ...}.</li>
 * </ol>
 * State: [queries, samples] (the noise stream's position follows from samples); the state counter is queries.
 * Registered as the system "example-acoustic" (options seed, noise, inputs, outputs, max-batch).
 */
public final class ExampleDevice implements StatefulSystem {
    /** The noise stream's seed is the structure seed XOR this ("NOISE"). */
    public static final long NOISE_SALT = 0x4E4F495345L;
    private final long seed;
    private final double noise;
    private final SystemSpec spec;
    private final double[][] w;
    private final double[] b;
    private final SplitMix64 noiseRng;
    private long queries, samples;

    public ExampleDevice(long seed, double noise, int inputs, int outputs, int maxBatch) {
        if (!(noise >= 0)) throw new IllegalArgumentException("Expected noise >= 0 (got " + noise + ")");
        this.seed = seed;
        this.noise = noise;
        this.spec = new SystemSpec("example-acoustic-seed" + seed, "example-1", inputs, outputs, new InputDomain.Continuous(0, 1), maxBatch);
        SplitMix64 r = new SplitMix64(seed);
        w = new double[outputs][inputs];
        for (double[] row : w) for (int i = 0; i < inputs; i++) row[i] = 0.5 * (2 * r.uniform() - 1);
        b = new double[outputs];
        for (int j = 0; j < outputs; j++) b[j] = 0.2 * r.uniform();
        noiseRng = new SplitMix64(seed ^ NOISE_SALT);
    }

    /** The acoustic shape: 20 in, 20 out, max batch 4096. */
    public ExampleDevice(long seed, double noise) { this(seed, noise, 20, 20, 4096); }

    @Override public SystemSpec spec() { return spec; }

    @Override
    public synchronized double[][] measure(double[][] x) {
        Inputs.validate(spec, x);
        if (x.length > spec.maxBatch()) throw new IllegalArgumentException("Expected at most " + spec.maxBatch() + " rows (got " + x.length + ")");
        int out = spec.outputSize();
        double[][] y = new double[x.length][out];
        for (int r = 0; r < x.length; r++) {
            for (int j = 0; j < out; j++) {
                double h = b[j];
                for (int i = 0; i < x[r].length; i++) h = h + w[j][i] * x[r][i];
                double v = h * h + 0.1 * h;
                double n = noiseRng.uniform();
                for (int k = 1; k < 12; k++) n = n + noiseRng.uniform();
                y[r][j] = v + noise * (n - 6.0);
            }
        }
        queries++;
        samples += x.length;
        return y;
    }

    @Override public synchronized long queries() { return queries; }

    @Override public synchronized long samples() { return samples; }

    @Override public synchronized double[] state() { return new double[] {queries, samples}; }

    @Override
    public synchronized void restoreState(double[] state) {
        if (state.length != 2 || state[0] < 0 || state[1] < 0 || state[0] != Math.rint(state[0]) || state[1] != Math.rint(state[1])) {
            throw new IllegalArgumentException("Expected an example-device state [queries, samples] of 2 whole numbers (got "
                    + java.util.Arrays.toString(state) + ")");
        }
        queries = (long) state[0];
        samples = (long) state[1];
        noiseRng.reset(seed ^ NOISE_SALT);
        noiseRng.jump(12L * spec.outputSize() * samples);
    }

    /** Nothing drifts: calibration has nothing to undo. */
    @Override public void calibrate() {}

    @Override public void close() {}
}
