package org.forwardlearn.physical.sim;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.core.random.Seeds;
import org.forwardlearn.physical.SystemSpec;

/**
 * Controls for the "what does the physics add" comparison: a fixed random digital linear map y = R x (Gaussian,
 * variance 1/n) with the given dimensions, or, with outputs = 0, "nothing": a single output that is always 0 (so
 * a block reduces to its digital map on the skip connection). Noiseless, no drift.
 */
public final class FixedMapSystem extends SimulatedSystem {
    private final double[] r;
    private final int n;
    private final int m;

    public FixedMapSystem(long seed, int inputs, int outputs, InputDomain domain) {
        super(SimSettings.ideal(seed), new SystemSpec((outputs == 0 ? "none-" : "random-map-") + inputs + "-" + outputs, "digital",
                inputs, Math.max(1, outputs), domain, 4096));
        this.n = inputs;
        this.m = outputs;
        this.r = new double[n * Math.max(1, m)];
        SplittableRandom g = Seeds.stream(seed, 0x464D4150L);
        if (m > 0) for (int i = 0; i < r.length; i++) r[i] = Seeds.gaussian(g) / Math.sqrt(n);
    }

    @Override protected void build(int generation) {}

    @Override protected double[] driftParameters() { return new double[0]; }

    @Override protected double driftScale() { return 0; }

    @Override protected double fullScale() { return 1; }

    @Override
    protected void respond(double[] in, double[] out) {
        if (m == 0) { out[0] = 0; return; }
        for (int k = 0; k < m; k++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += r[k * n + j] * in[j];
            out[k] = s;
        }
    }

    /** The same as {@link #respond} row by row, for the whole batch as one dense product Y = X R^T (core {@code Kernels}). */
    @Override
    public double[][] response(double[][] inputs) {
        if (m == 0) return new double[inputs.length][1];
        DMatrixRMaj y = Kernels.multTransB(new DMatrixRMaj(inputs), DMatrixRMaj.wrap(m, n, r), null);
        return split(y);
    }

    /** dX = dY R, one dense product. */
    @Override
    public double[][] vjp(double[][] inputs, double[][] d) {
        if (m == 0) return new double[inputs.length][n];
        DMatrixRMaj g = Kernels.mult(new DMatrixRMaj(d), DMatrixRMaj.wrap(m, n, r), null);
        return split(g);
    }

    private static double[][] split(DMatrixRMaj a) {
        double[][] out = new double[a.numRows][a.numCols];
        for (int i = 0; i < a.numRows; i++) System.arraycopy(a.data, i * a.numCols, out[i], 0, a.numCols);
        return out;
    }
}
