package org.forwardlearn.physical.encode;

import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.core.random.Seeds;
import org.forwardlearn.physical.SystemSpec;

/**
 * Optical encoder for a square spatial light modulator of side S (device input size S*S): the input vector
 * (length d) is laid out row-major on a square tile of side s = ceil(sqrt(d)) (zero-padded), scaled per
 * sample by min-max to [0, 1] (padding stays 0), and resized to S x S by nearest neighbour (upsampling when
 * s &lt; S, subsampling when s &gt; S). The device turns each value into a phase or an amplitude.
 */
public final class SlmEncoder implements Encoder {
    private final int in;
    private final int tile;
    private final int side;
    private final int[] source;   // for each SLM pixel, the input index it shows, or -1 for padding
    private final InputDomain domain;
    private final int labels;          // leading label entries of the input
    private final double[][] mask;     // label-mask layout: labels x S*S fixed patterns in {0, 1}, or null
    private final double depth;        // label-mask layout: share of the SLM range given to the label pattern

    public SlmEncoder(int inputSize, SystemSpec spec) { this(inputSize, spec, 0, 0); }

    /**
     * Label-band layout: the first {@code labels} input entries (the label embedding) are each shown on an equal
     * segment of the top {@code bandRows} SLM rows (pixels left over at the band's end show nothing), so a label
     * changes a sizeable part of the field and the device's output depends on label x image interference; the other
     * entries are laid out as a square tile resized (nearest) onto the remaining S - bandRows rows x S columns.
     * {@code labels = 0} gives the plain layout.
     */
    public SlmEncoder(int inputSize, SystemSpec spec, int labels, int bandRows) {
        this(inputSize, spec, labels, bandRows, 0.0);
    }

    /**
     * Label-mask layout: the image entries (all but the first {@code labels}) fill the whole SLM as in the plain
     * layout; the label is not shown on pixels of its own but as a fixed pseudo-random binary pattern m_c over the
     * whole SLM, added to the image: value = (1 - depth) s(x) + depth m_c (s = the per-row min-max of the image
     * entries; a row whose label entries are all 0 shows no pattern). With phase modulation the device then sees
     * T diag(exp(i pi depth m_c)) applied to the image's field (shown on (1 - depth) of the phase range): a medium of its
     * own per label, so every camera pixel is a label-specific quadratic function of the image. The patterns are part of the encoding (a constant
     * seed), the same for every run.
     *
     * @param depth in (0, 1)
     */
    public static SlmEncoder labelMask(int inputSize, SystemSpec spec, int labels, double depth) {
        if (labels < 1 || !(depth > 0 && depth < 1)) {
            throw new IllegalArgumentException("Expected labels >= 1 and a mask depth in (0, 1) (got labels=" + labels + ", depth=" + depth + ")");
        }
        return new SlmEncoder(inputSize, spec, labels, 0, depth);
    }

    private SlmEncoder(int inputSize, SystemSpec spec, int labels, int bandRows, double depth) {
        int n = spec.inputSize();
        int s = (int) Math.round(Math.sqrt(n));
        if (s * s != n) throw new IllegalArgumentException("Expected a square SLM (got " + n + " pixels)");
        if (inputSize <= 0) throw new IllegalArgumentException("Expected a positive input size (got " + inputSize + ")");
        boolean masked = depth > 0;
        if (labels < 0 || labels >= inputSize || (labels > 0 && !masked && (bandRows < 1 || bandRows >= s || bandRows * s < labels))) {
            throw new IllegalArgumentException("Expected 0 <= labels < inputSize and, with labels, a band of 1.." + (s - 1)
                    + " rows with at least one pixel per label (got labels=" + labels + ", bandRows=" + bandRows + ")");
        }
        this.in = inputSize;
        this.side = s;
        this.domain = spec.domain();
        this.source = new int[n];
        this.labels = labels;
        this.depth = depth;
        int band = labels > 0 && !masked ? bandRows : 0, rest = inputSize - labels;
        this.tile = (int) Math.ceil(Math.sqrt(rest));
        int per = labels > 0 ? band * s / labels : 0;
        for (int p = 0; p < band * s; p++) source[p] = p / per < labels ? p / per : -1;
        int h = s - band;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < s; x++) {
                int ty = (int) ((long) y * tile / h), tx = (int) ((long) x * tile / s);
                int idx = ty * tile + tx;
                source[(band + y) * s + x] = idx < rest ? labels + idx : -1;
            }
        }
        if (masked) {
            java.util.SplittableRandom r = Seeds.stream(0x4C4D41534BL, labels, n);
            this.mask = new double[labels][n];
            for (double[] m : mask) for (int p = 0; p < n; p++) m[p] = r.nextBoolean() ? 1.0 : 0.0;
        } else {
            this.mask = null;
        }
    }

    /** The label of a row under the label-mask layout: the largest positive label entry, or -1 when none is positive. */
    private int label(double[] row) {
        int best = -1;
        for (int c = 0; c < labels; c++) if (row[c] > 0 && (best < 0 || row[c] > row[best])) best = c;
        return best;
    }

    public int side() { return side; }

    @Override public int inputSize() { return in; }

    @Override public int outputSize() { return side * side; }

    @Override
    public double[][] encode(double[][] h) {
        Encoder.checkShape(h, in, "SlmEncoder");
        double[][] e = new double[h.length][source.length];
        int from = mask == null ? 0 : labels;   // the masked layout scales by the image entries only
        for (int r = 0; r < h.length; r++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (int i = from; i < in; i++) { lo = Math.min(lo, h[r][i]); hi = Math.max(hi, h[r][i]); }
            double range = hi - lo;
            for (int p = 0; p < source.length; p++) {
                int i = source[p];
                e[r][p] = i < 0 || !(range > 0) ? 0.0 : (h[r][i] - lo) / range;
            }
            if (mask != null) {
                int c = label(h[r]);
                for (int p = 0; p < source.length; p++) e[r][p] = (1 - depth) * e[r][p] + (c < 0 ? 0.0 : depth * mask[c][p]);
            }
        }
        Encoder.checkAdmissible(e, domain, "SlmEncoder");
        return e;
    }

    @Override
    public double[][] vjp(double[][] h, double[][] dE) {
        double[][] dh = new double[h.length][in];
        int from = mask == null ? 0 : labels;   // the label pattern is a constant of the row: no gradient to the label entries
        double gain = mask == null ? 1.0 : 1 - depth;
        for (int r = 0; r < h.length; r++) {
            int iLo = from, iHi = from;
            for (int i = from + 1; i < in; i++) {
                if (h[r][i] < h[r][iLo]) iLo = i;
                if (h[r][i] > h[r][iHi]) iHi = i;
            }
            double lo = h[r][iLo], range = h[r][iHi] - lo;
            if (!(range > 0)) continue;
            double[] g = new double[in];              // dL/ds_i summed over the pixels showing i
            for (int p = 0; p < source.length; p++) if (source[p] >= 0) g[source[p]] += gain * dE[r][p];
            double sumG = 0, sumGS = 0;
            for (int i = from; i < in; i++) { sumG += g[i]; sumGS += g[i] * (h[r][i] - lo) / range; }
            // s_i = (h_i - lo)/R: ds_i/dh_j = d_ij/R - d_j,lo (1/R) (1 - s_i) - d_j,hi s_i / R
            for (int j = from; j < in; j++) dh[r][j] = g[j] / range;
            dh[r][iLo] -= (sumG - sumGS) / range;
            dh[r][iHi] -= sumGS / range;
        }
        return dh;
    }
}
