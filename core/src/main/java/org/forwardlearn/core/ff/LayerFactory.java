package org.forwardlearn.core.ff;

import java.util.Random;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.layer.TrainableLayer;

/**
 * Makes the layers of a forward-forward MLP: the room for a user's own {@link TrainableLayer} (any layer with its
 * own local gradient). Layer l maps {@code inputSize} (the data's features for l = 0, else the previous layer's
 * output size) to {@code outputSize} ({@link FfMlpConfig#hidden()}[l]); the trainer normalises each layer's input and
 * scores its output with the configured goodness, so the layer only maps and differentiates itself.
 */
@FunctionalInterface
public interface LayerFactory {
    /**
     * @param index      0-based layer index
     * @param inputSize  columns of the layer's input
     * @param outputSize columns of its output
     * @param config     the MLP's configuration (activation, ...)
     * @param init       the run's initialisation stream (derived from the seed; use it for reproducible weights)
     */
    TrainableLayer create(int index, int inputSize, int outputSize, FfMlpConfig config, Random init);

    /** The default: core's {@link DenseLayer} with the configured activation and PyTorch's default init. */
    LayerFactory DENSE = (index, in, out, cfg, init) -> new DenseLayer(in, out, cfg.activation(), Init.TORCH_DEFAULT, init);
}
