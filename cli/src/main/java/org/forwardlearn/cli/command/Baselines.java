package org.forwardlearn.cli.command;

import java.util.Map;
import org.forwardlearn.cli.CliException;
import org.forwardlearn.cli.Console;
import org.forwardlearn.core.ff.FfMlpConfig;

/** Baselines run beside a forward-learned model. */
final class Baselines {
    private Baselines() {}

    /** The backprop MLP baseline of the same size (core's baseline package). */
    static Map<String, Object> backpropMlp(FfMlpConfig cfg, Splits.Labelled fit, Splits.Labelled val, Splits.Labelled test,
                                           int numClasses, Console console) {
        throw new CliException("--baseline bp: the backprop MLP baseline (core org.forwardlearn.core.baseline.BackpropMlp) is not available yet");
    }
}
