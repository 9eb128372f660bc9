package org.forwardlearn.forwardgnn.layer;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.Dense;

/**
 * A graph convolution z = conv(x) with its own parameters. {@link #forward} applies ReLU, as every
 * forward-learning layer does. The gradient methods use only this layer's input, output and
 * dLoss/dOutput: the input is a constant. {@link #inputGradient} exists for the backprop baseline
 * alone. A backward call uses the state of the latest {@link #preActivation} on the same input.
 */
public interface GraphConv {
    /** "gcn", "sage" or "gat". */
    String kind();

    int inputSize();

    int outputSize();

    /** Parameters in a fixed order (checkpoints rely on it). */
    List<Parameter> parameters();

    /** z = conv(x), nodes x outputSize, newly allocated. */
    DMatrixRMaj preActivation(ConvInput in);

    /** Accumulates dLoss/dParameters from dLoss/dz into each {@link Parameter#grad()}. */
    void backward(ConvInput in, DMatrixRMaj dz);

    /** dLoss/dx from dLoss/dz (dense); used only by the backprop baseline. */
    DMatrixRMaj inputGradient(ConvInput in, DMatrixRMaj dz);

    /** A deep copy with the same parameter values. */
    GraphConv copy();

    /** h = ReLU(conv(x)). */
    default DMatrixRMaj forward(ConvInput in) {
        DMatrixRMaj z = preActivation(in);
        Dense.relu(z);
        return z;
    }

    /** The local gradient of h = ReLU(conv(x)) given h (from {@link #forward}) and dLoss/dh. */
    default void localGradient(ConvInput in, DMatrixRMaj h, DMatrixRMaj dh) {
        backward(in, Dense.reluBackward(h, dh));
    }

    /** Copies parameter values from a layer of the same shape. */
    default void copyParametersFrom(GraphConv other) {
        List<Parameter> a = parameters(), b = other.parameters();
        for (int i = 0; i < a.size(); i++) a.get(i).value().setTo(b.get(i).value());
    }
}
