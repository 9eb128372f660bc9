package org.forwardlearn.physical.pff;

import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.physical.SystemSpec;
import org.forwardlearn.physical.encode.BinaryEncoder;
import org.forwardlearn.physical.encode.Encoder;
import org.forwardlearn.physical.encode.SlmEncoder;
import org.forwardlearn.physical.encode.UnitNormEncoder;

/** Chooses a block's encoder from the configuration and the device's spec. */
public final class Encoders {
    private Encoders() {}

    /** Share of the SLM range given to the label pattern by "slm-mask" (phase pi * depth on a pattern's pixels). */
    public static final double MASK_DEPTH = 0.5;

    /**
     * @param kind "auto": binary (or 1-bit) domain -> binary; a square device input of 64 or more -> slm;
     *             otherwise unit-norm. Or "unit-norm", "unit-norm-shift" (amplitudes (h - min h)/||h - min h||),
     *             "binary", "slm".
     */
    public static Encoder create(String kind, int bits, int inputSize, SystemSpec spec) { return create(kind, bits, inputSize, spec, 0); }

    /**
     * @param labels the number of leading label entries of this block's input (block 1: the classes; later blocks: 0);
     *               used by "slm-label" (an {@link SlmEncoder} whose top ceil(S/8) rows show the labels as
     *               segments, S = the SLM side; with no labels it is the plain "slm" layout) and by "slm-mask"
     *               ({@link SlmEncoder#labelMask}: the image on the whole SLM plus a fixed binary pattern per label at
     *               depth {@link #MASK_DEPTH}; with no labels the plain layout)
     */
    public static Encoder create(String kind, int bits, int inputSize, SystemSpec spec, int labels) {
        String k = kind;
        if (k.equals("auto")) {
            int side = (int) Math.round(Math.sqrt(spec.inputSize()));
            boolean binary = spec.domain() instanceof InputDomain.Binary
                    || (spec.domain() instanceof InputDomain.KBit kb && kb.bits() == 1);
            k = binary ? "binary" : side * side == spec.inputSize() && spec.inputSize() >= 64 ? "slm" : "unit-norm";
        }
        return switch (k) {
            case "binary" -> new BinaryEncoder(inputSize, bits, spec);
            case "slm" -> new SlmEncoder(inputSize, spec);
            case "slm-label" -> {
                int side = (int) Math.round(Math.sqrt(spec.inputSize()));
                yield labels > 0 ? new SlmEncoder(inputSize, spec, labels, (side + 7) / 8) : new SlmEncoder(inputSize, spec);
            }
            case "slm-mask" -> labels > 0 ? SlmEncoder.labelMask(inputSize, spec, labels, MASK_DEPTH) : new SlmEncoder(inputSize, spec);
            case "unit-norm" -> new UnitNormEncoder(inputSize, spec);
            case "unit-norm-shift" -> UnitNormEncoder.shifted(inputSize, spec);
            default -> throw new IllegalArgumentException("Expected encoder auto|unit-norm|unit-norm-shift|binary|slm|slm-label|slm-mask (got '" + kind + "')");
        };
    }
}
