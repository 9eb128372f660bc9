package org.forwardlearn.physical.pff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.physical.PhysicalSystem;

/**
 * A stack of {@link PffBlock}s, one per physical system, with the label embedding and inference.
 *
 * <p>Label embedding: the first C entries of the block-1 input hold the label (one-hot times the batch max of
 * |x|), prepended to the features so that no feature is overwritten. Each later block's input is the
 * previous block's normalised output (no gradient flows between blocks).
 */
public final class PffNetwork {
    private final PffConfig config;
    private final int classes;
    private final int features;
    private final List<PffBlock> blocks;

    public PffNetwork(PffConfig config, int features, int classes, List<? extends PhysicalSystem> systems) {
        if (classes < 2) throw new IllegalArgumentException("Expected at least 2 classes (got " + classes + ")");
        if (systems.isEmpty()) throw new IllegalArgumentException("Expected at least one physical system (got none)");
        this.config = config;
        this.classes = classes;
        this.features = features;
        List<PffBlock> b = new ArrayList<>();
        int in = features + classes;
        for (int i = 0; i < systems.size(); i++) {
            var spec = systems.get(i).spec();
            b.add(new PffBlock(i, in, Encoders.create(config.encoder(), config.encoderBits(), in, spec, i == 0 ? classes : 0), spec.outputSize(), config));
            in = config.hidden();
        }
        this.blocks = Collections.unmodifiableList(b);
    }

    public List<PffBlock> blocks() { return blocks; }

    public int classes() { return classes; }

    public int features() { return features; }

    public PffConfig config() { return config; }

    /** [one-hot(label) * value; x] per row; label -1 gives a neutral (all-zero) label block. */
    public static double[][] embed(double[][] x, int[] labels, int classes, double value) {
        double[][] out = new double[x.length][classes + x[0].length];
        for (int r = 0; r < x.length; r++) {
            if (labels[r] >= 0) out[r][labels[r]] = value;
            System.arraycopy(x[r], 0, out[r], classes, x[r].length);
        }
        return out;
    }

    /** max |x| over the batch. */
    public static double maxAbs(double[][] x) {
        double m = 0;
        for (double[] r : x) for (double v : r) m = Math.max(m, Math.abs(v));
        return m;
    }

    private void checkX(double[][] x) {
        if (x.length == 0 || x[0].length != features) {
            throw new IllegalArgumentException("Expected samples with " + features + " features (got "
                    + (x.length == 0 ? "an empty batch" : String.valueOf(x[0].length)) + ")");
        }
        if (x.length > 0 && x[x.length - 1].length != features) {
            throw new IllegalArgumentException("Expected samples with " + features + " features (got " + x[x.length - 1].length + ")");
        }
    }

    /**
     * Block 1's training input for one batch: positives (true labels) then negatives (the given wrong labels),
     * each embedded with the batch max of |x|.
     */
    public double[][] trainingInput(double[][] x, int[] y, int[] wrong) {
        checkX(x);
        int n = x.length;
        double v = maxAbs(x);
        double[][] h = new double[2 * n][];
        System.arraycopy(embed(x, y, classes, v), 0, h, 0, n);
        System.arraycopy(embed(x, wrong, classes, v), 0, h, n, n);
        return h;
    }

    /** Goodness-based prediction: every label is tried, goodness summed over blocks, argmax (C device passes per sample). */
    public int[] predict(double[][] x, List<? extends PhysicalSystem> systems, Meter meter, int chunk) {
        checkX(x);
        int[] pred = new int[x.length];
        for (int s = 0; s < x.length; s += chunk) {
            int n = Math.min(chunk, x.length - s);
            double[][] part = java.util.Arrays.copyOfRange(x, s, s + n);
            double v = maxAbs(part);
            double[][] h = new double[n * classes][];
            int[] lab = new int[n];
            for (int c = 0; c < classes; c++) {
                java.util.Arrays.fill(lab, c);
                System.arraycopy(embed(part, lab, classes, v), 0, h, c * n, n);
            }
            double[] score = new double[n * classes];
            for (int l = 0; l < blocks.size(); l++) {
                PffBlock b = blocks.get(l);
                DMatrixRMaj z = b.forward(b.features(h, systems.get(l), meter), meter);
                double[] g = b.goodness(z);
                for (int i = 0; i < g.length; i++) score[i] += g[i];
                if (l + 1 < blocks.size()) h = PffBlock.normalise(z);
            }
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int c = 1; c < classes; c++) if (score[c * n + i] > score[best * n + i]) best = c;
                pred[s + i] = best;
            }
        }
        return pred;
    }

    /** Readout features: neutral label, one device pass per block; the normalised outputs of all blocks concatenated. */
    public double[][] readoutFeatures(double[][] x, List<? extends PhysicalSystem> systems, Meter meter, int chunk) {
        checkX(x);
        int width = blocks.size() * config.hidden();
        double[][] out = new double[x.length][width];
        for (int s = 0; s < x.length; s += chunk) {
            int n = Math.min(chunk, x.length - s);
            double[][] part = java.util.Arrays.copyOfRange(x, s, s + n);
            int[] lab = new int[n];
            java.util.Arrays.fill(lab, -1);
            double[][] h = embed(part, lab, classes, 0);
            for (int l = 0; l < blocks.size(); l++) {
                PffBlock b = blocks.get(l);
                h = PffBlock.normalise(b.forward(b.features(h, systems.get(l), meter), meter));
                for (int i = 0; i < n; i++) System.arraycopy(h[i], 0, out[s + i], l * config.hidden(), config.hidden());
            }
        }
        return out;
    }

    public static double accuracy(int[] pred, int[] y) {
        int ok = 0;
        for (int i = 0; i < y.length; i++) if (pred[i] == y[i]) ok++;
        return y.length == 0 ? Double.NaN : ok / (double) y.length;
    }
}
