package org.forwardlearn.physical.hil;

import org.forwardlearn.physical.SystemSpec;

/** Client-side checks of a batch before anything is sent. */
final class Inputs {
    private Inputs() {}

    /** @throws IllegalArgumentException for an empty batch, a wrong row length or an inadmissible value */
    static void validate(SystemSpec spec, double[][] inputs) {
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException("Expected at least one input row (got " + (inputs == null ? "null" : "0") + ")");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null || inputs[i].length != spec.inputSize()) {
                throw new IllegalArgumentException("Expected row " + i + " to have " + spec.inputSize() + " values (got "
                        + (inputs[i] == null ? "null" : inputs[i].length) + ")");
            }
            for (int j = 0; j < inputs[i].length; j++) {
                if (!spec.domain().admits(inputs[i][j])) {
                    throw new IllegalArgumentException("Expected input[" + i + "][" + j + "] to be " + spec.domain().describe()
                            + " (got " + inputs[i][j] + ")");
                }
            }
        }
    }
}
