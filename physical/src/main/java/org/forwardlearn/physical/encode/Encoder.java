package org.forwardlearn.physical.encode;

import org.forwardlearn.physical.InputDomain;

/**
 * A fixed map from block inputs (batch x {@link #inputSize()}) to device inputs (batch x {@link #outputSize()}),
 * every value admissible for the device's {@link InputDomain}.
 */
public interface Encoder {
    int inputSize();

    int outputSize();

    /**
     * Encodes a batch (not modified) into a new array.
     *
     * @throws IllegalArgumentException on a wrong shape, or when an encoded value is not admissible
     */
    double[][] encode(double[][] h);

    /**
     * dLoss/dh given dLoss/dEncoded (a vector-Jacobian product; straight-through where the encoder is not
     * differentiable). Used only by the backprop baselines.
     */
    double[][] vjp(double[][] h, double[][] dEncoded);

    /** Throws unless every value of {@code e} is admissible for {@code domain}. */
    static void checkAdmissible(double[][] e, InputDomain domain, String who) {
        for (int r = 0; r < e.length; r++) {
            for (int c = 0; c < e[r].length; c++) {
                if (!domain.admits(e[r][c])) {
                    throw new IllegalArgumentException(who + ": Expected encoded values admissible as " + domain.describe()
                            + " (got " + e[r][c] + " at row " + r + ", column " + c + ")");
                }
            }
        }
    }

    /** Throws unless h is batch x width with equal row lengths. */
    static void checkShape(double[][] h, int width, String who) {
        if (h == null) throw new IllegalArgumentException(who + ": Expected a batch (got null)");
        for (int r = 0; r < h.length; r++) {
            if (h[r] == null || h[r].length != width) {
                throw new IllegalArgumentException(who + ": Expected rows of length " + width + " (got "
                        + (h[r] == null ? "null" : String.valueOf(h[r].length)) + " at row " + r + ")");
            }
        }
    }
}
