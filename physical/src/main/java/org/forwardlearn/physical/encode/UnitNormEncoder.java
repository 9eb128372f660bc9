package org.forwardlearn.physical.encode;

import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.physical.SystemSpec;

/**
 * Acoustic encoder: amplitudes |h| / ||h|| (each in [0, 1], unit L2 norm), zero-padded to the device's
 * input size. A zero row encodes to zeros.
 */
public final class UnitNormEncoder implements Encoder {
    private static final double EPS = 1e-12;
    private final int in;
    private final int out;
    private final InputDomain domain;

    public UnitNormEncoder(int inputSize, SystemSpec spec) {
        if (inputSize <= 0 || inputSize > spec.inputSize()) {
            throw new IllegalArgumentException("Expected an input size in 1.." + spec.inputSize() + " for device "
                    + spec.deviceId() + " (got " + inputSize + ")");
        }
        this.in = inputSize;
        this.out = spec.inputSize();
        this.domain = spec.domain();
    }

    @Override public int inputSize() { return in; }

    @Override public int outputSize() { return out; }

    @Override
    public double[][] encode(double[][] h) {
        Encoder.checkShape(h, in, "UnitNormEncoder");
        double[][] e = new double[h.length][out];
        for (int r = 0; r < h.length; r++) {
            double n = 0;
            for (double v : h[r]) n += v * v;
            n = Math.sqrt(n);
            if (n < EPS) continue;
            for (int c = 0; c < in; c++) e[r][c] = Math.min(1.0, Math.abs(h[r][c]) / n);
        }
        Encoder.checkAdmissible(e, domain, "UnitNormEncoder");
        return e;
    }

    @Override
    public double[][] vjp(double[][] h, double[][] dE) {
        double[][] dh = new double[h.length][in];
        for (int r = 0; r < h.length; r++) {
            double nn = 0;
            for (double v : h[r]) nn += v * v;
            double n = Math.sqrt(nn);
            if (n < EPS) continue;
            // e_c = |h_c|/n ; de_c/dh_j = sign(h_j) d_cj / n - |h_c| h_j / n^3
            double s = 0;
            for (int c = 0; c < in; c++) s += dE[r][c] * Math.abs(h[r][c]);
            for (int j = 0; j < in; j++) {
                dh[r][j] = dE[r][j] * Math.signum(h[r][j]) / n - s * h[r][j] / (nn * n);
            }
        }
        return dh;
    }
}
