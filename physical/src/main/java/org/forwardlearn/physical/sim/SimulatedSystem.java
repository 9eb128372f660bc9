package org.forwardlearn.physical.sim;

import java.util.SplittableRandom;
import org.forwardlearn.core.random.Seeds;
import org.forwardlearn.physical.StatefulSystem;
import org.forwardlearn.physical.SystemSpec;

/**
 * Shared machinery of the simulated systems: shape and domain checks, counters, detector noise,
 * quantisation, drift and the one-off re-draw, and the saveable state.
 *
 * <p>Randomness is derived from (seed, query index) so that the noise and drift of the next query depend
 * only on the counters and the drifting parameters: {@link #state()} = [queries, samples, generation,
 * drift parameters...] is the complete time-varying state.
 */
public abstract class SimulatedSystem implements StatefulSystem, DifferentiableSystem {
    protected final SimSettings settings;
    private final SystemSpec spec;
    private long queries;
    private long samples;
    private int generation;
    private boolean closed;
    private boolean driftHeld;

    protected SimulatedSystem(SimSettings settings, SystemSpec spec) {
        this.settings = settings;
        this.spec = spec;
    }

    /** Builds the hidden structure of the given generation (0 = first draw; 1 = after the re-draw) and resets the drift parameters. */
    protected abstract void build(int generation);

    /** The live drifting parameters (the random walk modifies this array in place). */
    protected abstract double[] driftParameters();

    /** Typical magnitude of the drifting parameters: the drift step is {@code drift * scale}. */
    protected abstract double driftScale();

    /** Called after the drifting parameters changed (to refresh caches). */
    protected void driftChanged() {}

    /** Full scale of the detector for quantisation. */
    protected abstract double fullScale();

    /** Noise standard deviation of output j. */
    protected double noiseStd(int j) { return settings.noise(); }

    /** The noiseless response of one admissible input row into {@code out}. */
    protected abstract void respond(double[] in, double[] out);

    @Override public SystemSpec spec() { return spec; }

    public SimSettings settings() { return settings; }

    public int generation() { return generation; }

    @Override
    public double[][] measure(double[][] inputs) {
        if (closed) throw new IllegalStateException("Expected an open system (got a closed " + spec.deviceId() + ")");
        check(inputs);
        double[][] out = response(inputs);
        SplittableRandom rng = Seeds.stream(settings.seed(), 0x6E6F6973L, queries);
        double fs = fullScale();
        int levels = settings.bits() > 0 ? (1 << settings.bits()) - 1 : 0;
        for (double[] row : out) {
            for (int j = 0; j < row.length; j++) {
                double v = row[j];
                if (settings.noise() > 0) v += noiseStd(j) * Seeds.gaussian(rng);
                if (levels > 0) v = Math.rint(Math.max(0, Math.min(fs, v)) / fs * levels) * fs / levels;
                row[j] = v;
            }
        }
        advance(inputs.length);
        return out;
    }

    @Override
    public double[][] response(double[][] inputs) {
        double[][] out = new double[inputs.length][spec.outputSize()];
        for (int r = 0; r < inputs.length; r++) respond(inputs[r], out[r]);
        return out;
    }

    private void check(double[][] inputs) {
        if (inputs == null || inputs.length == 0) throw new IllegalArgumentException("Expected a non-empty batch (got "
                + (inputs == null ? "null" : "0 rows") + ")");
        if (inputs.length > spec.maxBatch()) {
            throw new IllegalArgumentException("Expected at most " + spec.maxBatch() + " rows per measure (got " + inputs.length + ")");
        }
        for (int r = 0; r < inputs.length; r++) {
            if (inputs[r] == null || inputs[r].length != spec.inputSize()) {
                throw new IllegalArgumentException("Expected input rows of length " + spec.inputSize() + " (got "
                        + (inputs[r] == null ? "null" : String.valueOf(inputs[r].length)) + " at row " + r + ")");
            }
            for (int c = 0; c < inputs[r].length; c++) {
                if (!spec.domain().admits(inputs[r][c])) {
                    throw new IllegalArgumentException("Expected inputs admissible as " + spec.domain().describe() + " (got "
                            + inputs[r][c] + " at row " + r + ", column " + c + ")");
                }
            }
        }
    }

    /** Counts a query of {@code rows} samples and applies drift and the one-off re-draw. */
    private void advance(int rows) {
        long before = samples;
        queries++;
        samples += rows;
        long at = settings.redrawAfterSamples();
        if (at >= 0 && generation == 0 && before < at && samples >= at) {
            generation = 1;
            build(generation);
        } else if (settings.drift() > 0 && !driftHeld) {
            SplittableRandom rng = Seeds.stream(settings.seed(), 0x64726966L, queries);
            double step = settings.drift() * driftScale() * Math.sqrt(rows);
            double[] p = driftParameters();
            for (int i = 0; i < p.length; i++) p[i] += step * Seeds.gaussian(rng);
            driftChanged();
        }
    }

    /**
     * Holds (true) or releases (false) the slow drift: while held, measurements still count but the drifting
     * parameters do not move (the re-draw still happens at its sample count). Used to evaluate every method on
     * a snapshot of the device as it is at the end of training.
     */
    public void holdDrift(boolean hold) { driftHeld = hold; }

    public boolean driftHeld() { return driftHeld; }

    /**
     * Lets the device drift as if {@code samples} samples had been measured in batches of {@code batch}, without
     * measuring (the drift clock is the sample count). Used to give an idle device (while a twin is trained
     * in silico) the same drift as a live run of that length. Counts as queries in the state's clock.
     */
    public void elapse(long samples, int batch) {
        for (long s = 0; s < samples; s += batch) advance((int) Math.min(batch, samples - s));
    }

    @Override public long queries() { return queries; }

    @Override public long samples() { return samples; }

    @Override
    public double[] state() {
        double[] p = driftParameters();
        double[] s = new double[3 + p.length];
        s[0] = queries;
        s[1] = samples;
        s[2] = generation;
        System.arraycopy(p, 0, s, 3, p.length);
        return s;
    }

    @Override
    public void restoreState(double[] s) {
        int n = 3 + driftParameters().length;
        if (s == null || s.length != n) {
            throw new IllegalArgumentException("Expected a state of length " + n + " for " + spec.deviceId() + " (got "
                    + (s == null ? "null" : String.valueOf(s.length)) + ")");
        }
        int g = (int) s[2];
        if (g != generation) { generation = g; build(g); }
        queries = (long) s[0];
        samples = (long) s[1];
        System.arraycopy(s, 3, driftParameters(), 0, n - 3);
        driftChanged();
    }

    @Override
    public void calibrate() { build(generation); }

    @Override public void close() { closed = true; }
}
