package org.forwardlearn.core.optim;

import java.util.List;
import org.forwardlearn.core.layer.Parameter;

/**
 * Updates one layer's parameters in place from their accumulated gradients. Each instance keeps its own
 * state (per parameter), so every layer gets its own optimizer.
 */
public interface Optimizer {
    /** Applies one update to each parameter from its {@link Parameter#grad()}; does not zero the gradients. */
    void step(List<Parameter> params);

    /** The state (step count, moments) flattened, in parameter order, for checkpoints; empty when stateless. */
    double[] saveState(List<Parameter> params);

    /** Restores a state produced by {@link #saveState} for the same parameters. */
    void loadState(List<Parameter> params, double[] state);
}
