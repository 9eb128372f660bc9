package org.forwardlearn.spark.train;

import java.io.Serializable;

/**
 * One node of a run's output or materialised state: label, split code, in-degree in the augmented graph
 * (without self-loops), the embedding (row-L2-normalised) and the class distribution summed over the layers trained so far.
 */
public record NodeRow(int label, byte split, int inDegree, double[] x, double[] cum) implements Serializable {
    public static final byte TRAIN = 0, VAL = 1, TEST = 2, OTHER = 3, VIRTUAL = 4;

    public static byte splitCode(String split) {
        return switch (split) {
            case "train" -> TRAIN;
            case "val" -> VAL;
            case "test" -> TEST;
            case "other" -> OTHER;
            case "virtual" -> VIRTUAL;
            default -> throw new IllegalArgumentException("Expected split train|val|test|other|virtual (got '" + split + "')");
        };
    }

    public static String splitName(byte code) {
        return switch (code) {
            case TRAIN -> "train";
            case VAL -> "val";
            case TEST -> "test";
            case OTHER -> "other";
            default -> "virtual";
        };
    }

    /** Index of the largest value (the first on ties). */
    public static int argMax(double[] a, int off, int len) {
        int best = 0;
        for (int k = 1; k < len; k++) if (a[off + k] > a[off + best]) best = k;
        return best;
    }
}
