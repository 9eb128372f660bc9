package org.forwardlearn.forwardgnn.nodeclass;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * Inverted dropout inside a layer's own (local) objective (issue 20, {@code lpf-do}): the rows the loss reads are
 * multiplied by a 0 or 1/(1-p) mask before the loss, and the loss's gradient by the same mask. The mask of (layer,
 * epoch) comes from a stream seeded by (seed, layer, epoch), so a step is reproducible and a finite-difference check
 * sees one fixed mask. Only the layer's own output is masked: nothing crosses layers.
 */
final class LocalDropout {
    private LocalDropout() { }

    /** The mask (0 or 1/(1-p) per entry) of {@code size} entries for (layer, epoch). */
    static double[] mask(int size, double p, long seed, int layer, int epoch) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("Expected dropout in [0, 1) (got " + p + ")");
        SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (1 + layer)) ^ (0xC2B2AE3D27D4EB4FL * (1 + (long) epoch)));
        double keep = 1 / (1 - p);
        double[] m = new double[size];
        for (int i = 0; i < size; i++) m[i] = r.nextDouble() < p ? 0 : keep;
        return m;
    }

    /** A masked copy of h. */
    static DMatrixRMaj apply(DMatrixRMaj h, double[] mask) {
        if (mask.length != h.getNumElements()) {
            throw new IllegalArgumentException("Expected a mask of " + h.getNumElements() + " entries (got " + mask.length + ")");
        }
        DMatrixRMaj out = new DMatrixRMaj(h.numRows, h.numCols);
        for (int i = 0; i < h.getNumElements(); i++) out.data[i] = h.data[i] * mask[i];
        return out;
    }

    /** dh *= mask, in place (the gradient with respect to the unmasked output). */
    static void backward(DMatrixRMaj dh, double[] mask) {
        for (int i = 0; i < dh.getNumElements(); i++) dh.data[i] *= mask[i];
    }
}
