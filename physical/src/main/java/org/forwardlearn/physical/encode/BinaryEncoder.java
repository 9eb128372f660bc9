package org.forwardlearn.physical.encode;

import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.physical.SystemSpec;

/**
 * Microwave metasurface encoder: per-sample min-max scaling to [0, 1], quantisation to k bits, and each level
 * written as k binary element states (most significant bit first), zero-padded to the device's element
 * count. The backward pass (baselines only) is straight-through: the quantiser is treated as the identity.
 */
public final class BinaryEncoder implements Encoder {
    private final int in;
    private final int bits;
    private final int out;
    private final InputDomain domain;

    public BinaryEncoder(int inputSize, int bitsPerValue, SystemSpec spec) {
        if (bitsPerValue < 1 || bitsPerValue > 8) {
            throw new IllegalArgumentException("Expected 1..8 bits per value (got " + bitsPerValue + ")");
        }
        if (inputSize <= 0 || inputSize * bitsPerValue > spec.inputSize()) {
            throw new IllegalArgumentException("Expected input size * bits <= " + spec.inputSize() + " device elements (got "
                    + inputSize + " * " + bitsPerValue + ")");
        }
        this.in = inputSize;
        this.bits = bitsPerValue;
        this.out = spec.inputSize();
        this.domain = spec.domain();
    }

    @Override public int inputSize() { return in; }

    @Override public int outputSize() { return out; }

    @Override
    public double[][] encode(double[][] h) {
        Encoder.checkShape(h, in, "BinaryEncoder");
        int levels = (1 << bits) - 1;
        double[][] e = new double[h.length][out];
        for (int r = 0; r < h.length; r++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double v : h[r]) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
            double range = hi - lo;
            for (int c = 0; c < in; c++) {
                double s = range > 0 ? (h[r][c] - lo) / range : 0.0;
                int q = (int) Math.round(s * levels);
                for (int b = 0; b < bits; b++) e[r][c * bits + b] = (q >> (bits - 1 - b)) & 1;
            }
        }
        Encoder.checkAdmissible(e, domain, "BinaryEncoder");
        return e;
    }

    @Override
    public double[][] vjp(double[][] h, double[][] dE) {
        int levels = (1 << bits) - 1;
        double[][] dh = new double[h.length][in];
        for (int r = 0; r < h.length; r++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double v : h[r]) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
            double range = hi - lo;
            if (!(range > 0)) continue;
            for (int c = 0; c < in; c++) {
                // straight-through: level ~ s * levels, bit b carries weight 2^(bits-1-b) / levels of s
                double g = 0;
                for (int b = 0; b < bits; b++) g += dE[r][c * bits + b] * (1 << (bits - 1 - b)) / (double) levels;
                dh[r][c] = g / range;
            }
        }
        return dh;
    }
}
