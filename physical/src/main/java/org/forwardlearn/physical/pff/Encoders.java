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

    /**
     * @param kind "auto": binary (or 1-bit) domain -> binary; a square device input of 64 or more -> slm;
     *             otherwise unit-norm. Or "unit-norm", "unit-norm-shift" (amplitudes (h - min h)/||h - min h||),
     *             "binary", "slm".
     */
    public static Encoder create(String kind, int bits, int inputSize, SystemSpec spec) {
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
            case "unit-norm" -> new UnitNormEncoder(inputSize, spec);
            case "unit-norm-shift" -> UnitNormEncoder.shifted(inputSize, spec);
            default -> throw new IllegalArgumentException("Expected encoder auto|unit-norm|unit-norm-shift|binary|slm (got '" + kind + "')");
        };
    }
}
