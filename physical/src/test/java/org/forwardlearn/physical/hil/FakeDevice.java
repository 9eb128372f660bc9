package org.forwardlearn.physical.hil;

import java.util.SplittableRandom;
import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.physical.StatefulSystem;
import org.forwardlearn.physical.SystemSpec;

/**
 * A deterministic fake device for tests: y = (W x)^2 element-wise for a seeded random W, and after
 * every measure call W drifts by {@code drift} * N(0,1) drawn from a generator seeded by (seed, calls),
 * so any lost or duplicated measurement changes all later outputs. Its state is (calls, rows, W).
 */
final class FakeDevice implements StatefulSystem {
    private final long seed;
    private final double drift;
    private final SystemSpec spec;
    private final double[][] w;
    private long calls, rows;

    FakeDevice(long seed, int in, int out, int maxBatch, double drift) {
        this.seed = seed;
        this.drift = drift;
        this.spec = new SystemSpec("fake-" + seed, "fake-1.0", in, out, new InputDomain.Continuous(-1, 1), maxBatch);
        SplittableRandom r = new SplittableRandom(seed);
        this.w = new double[out][in];
        for (double[] row : w) for (int j = 0; j < in; j++) row[j] = r.nextGaussian() / Math.sqrt(in);
    }

    @Override public SystemSpec spec() { return spec; }

    @Override
    public synchronized double[][] measure(double[][] x) {
        if (x.length > spec.maxBatch()) throw new IllegalArgumentException("Expected at most " + spec.maxBatch() + " rows (got " + x.length + ")");
        double[][] y = new double[x.length][w.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != spec.inputSize()) throw new IllegalArgumentException("Expected " + spec.inputSize() + " (got " + x[i].length + ")");
            for (int k = 0; k < w.length; k++) {
                double s = 0;
                for (int j = 0; j < x[i].length; j++) s += w[k][j] * x[i][j];
                y[i][k] = s * s;
            }
        }
        calls++;
        rows += x.length;
        if (drift > 0) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + calls);
            for (double[] row : w) for (int j = 0; j < row.length; j++) row[j] += drift * r.nextGaussian();
        }
        return y;
    }

    @Override public synchronized long queries() { return calls; }
    @Override public synchronized long samples() { return rows; }
    @Override public void close() {}

    @Override
    public synchronized double[] state() {
        double[] st = new double[2 + w.length * w[0].length];
        st[0] = calls;
        st[1] = rows;
        int o = 2;
        for (double[] row : w) for (double v : row) st[o++] = v;
        return st;
    }

    @Override
    public synchronized void restoreState(double[] st) {
        if (st.length != 2 + w.length * w[0].length) {
            throw new IllegalArgumentException("Expected a state of " + (2 + w.length * w[0].length) + " values (got " + st.length + ")");
        }
        calls = (long) st[0];
        rows = (long) st[1];
        int o = 2;
        for (double[] row : w) for (int j = 0; j < row.length; j++) row[j] = st[o++];
    }

    @Override
    public void calibrate() { throw new UnsupportedOperationException("Expected a calibratable device (got FakeDevice)"); }

    /** Deterministic admissible inputs. */
    static double[][] inputs(long seed, int rows, int cols) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[rows][cols];
        for (double[] row : x) for (int j = 0; j < cols; j++) row[j] = r.nextDouble(-1, 1);
        return x;
    }
}
