package org.forwardlearn.spark.train;

import java.io.Serializable;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.layer.DenseLayer;

/**
 * What one training step broadcasts: the layer's weights and bias, the class prototypes (the layer's
 * outputs for the virtual nodes), the temperature and the global number of training nodes.
 */
public record LayerParams(DMatrixRMaj weight, DMatrixRMaj bias, DMatrixRMaj prototypes, double tau, long trainTotal)
        implements Serializable {
    public DenseLayer layer() { return new DenseLayer(weight, bias, Activation.RELU); }

    /** Bytes of the numbers broadcast per step (8 per double). */
    public long payloadBytes() {
        return 8L * (weight.getNumElements() + bias.getNumElements() + prototypes.getNumElements());
    }
}
