package org.forwardlearn.physical.encode;

import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.physical.SystemSpec;

/**
 * Acoustic encoder: amplitudes |h| / ||h|| (each in [0, 1], unit L2 norm), zero-padded to the device's
 * input size. A zero row encodes to zeros.
 *
 * <p>Shifted variant ({@link #shifted}): u = h - min(h) per sample, amplitudes u / ||u||. Tone amplitudes cannot be
 * negative, and |h| shows a z-scored feature of -1 and of +1 as the same tone; the shift keeps the sign (the order of
 * the values) at the cost of one tone (the minimum) at amplitude 0.
 */
public final class UnitNormEncoder implements Encoder {
    private static final double EPS = 1e-12;
    private final int in;
    private final int out;
    private final InputDomain domain;
    private final boolean shift;

    public UnitNormEncoder(int inputSize, SystemSpec spec) { this(inputSize, spec, false); }

    /** The shifted variant: amplitudes (h - min h) / ||h - min h||. */
    public static UnitNormEncoder shifted(int inputSize, SystemSpec spec) { return new UnitNormEncoder(inputSize, spec, true); }

    private UnitNormEncoder(int inputSize, SystemSpec spec, boolean shift) {
        if (inputSize <= 0 || inputSize > spec.inputSize()) {
            throw new IllegalArgumentException("Expected an input size in 1.." + spec.inputSize() + " for device "
                    + spec.deviceId() + " (got " + inputSize + ")");
        }
        this.in = inputSize;
        this.out = spec.inputSize();
        this.domain = spec.domain();
        this.shift = shift;
    }

    public boolean isShifted() { return shift; }

    private static int argmin(double[] h) {
        int k = 0;
        for (int i = 1; i < h.length; i++) if (h[i] < h[k]) k = i;
        return k;
    }

    @Override public int inputSize() { return in; }

    @Override public int outputSize() { return out; }

    @Override
    public double[][] encode(double[][] h) {
        Encoder.checkShape(h, in, "UnitNormEncoder");
        double[][] e = new double[h.length][out];
        for (int r = 0; r < h.length; r++) {
            if (shift) {
                double m = h[r][argmin(h[r])], n = 0;
                for (double v : h[r]) n += (v - m) * (v - m);
                n = Math.sqrt(n);
                if (n < EPS) continue;
                for (int c = 0; c < in; c++) e[r][c] = Math.min(1.0, (h[r][c] - m) / n);
                continue;
            }
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
            if (shift) {
                // u = h - h_k (k = argmin), e_c = u_c / n, n = ||u||:
                // dh_j = dE_j/n - d_jk sum(dE)/n - s (u_j - d_jk sum(u)) / n^3, s = sum_c dE_c u_c
                int k = argmin(h[r]);
                double m = h[r][k], nn = 0, sumU = 0, sumD = 0, s = 0;
                for (int c = 0; c < in; c++) {
                    double u = h[r][c] - m;
                    nn += u * u;
                    sumU += u;
                    sumD += dE[r][c];
                    s += dE[r][c] * u;
                }
                double n = Math.sqrt(nn);
                if (n < EPS) continue;
                for (int j = 0; j < in; j++) dh[r][j] = dE[r][j] / n - s * (h[r][j] - m) / (nn * n);
                dh[r][k] += -sumD / n + s * sumU / (nn * n);
                continue;
            }
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
