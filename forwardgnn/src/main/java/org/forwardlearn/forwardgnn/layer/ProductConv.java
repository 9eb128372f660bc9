package org.forwardlearn.forwardgnn.layer;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.Topology;

/**
 * A convolution whose output depends on its input x only through the products p_k = x W_k of its
 * {@link #inputWeights()} (GCN: x W; SAGE: x W_l and x W_r; GAT: x W, then attention on p). A caller that can
 * compute those products more cheaply than from a materialised x (several graphs whose inputs share a base
 * matrix: {@code GraphFamily}) supplies them and gets the pre-activation, and in return receives dLoss/dp_k and
 * forms the weight gradients x^T dLoss/dp_k itself. The layer's own mathematics stays here; the two paths are
 * checked against each other in the tests.
 */
public interface ProductConv extends GraphConv {
    /** The weights that multiply the input, in a fixed order; the other parameters (bias, attention) stay inside. */
    List<Parameter> inputWeights();

    /**
     * One pass from the products.
     *
     * @param topology the graph
     * @param p        p_k = x W_k, every node's row (numNodes x width_k), not modified
     * @param rows     the rows of z wanted (null: every row)
     * @param z        the pre-activation on those rows
     * @param state    what the backward needs (layer-specific)
     */
    record Pass(Topology topology, DMatrixRMaj[] p, int[] rows, DMatrixRMaj z, Object state) { }

    /** z = conv(x) on {@code rows} (null: all) from the products p_k = x W_k. */
    Pass fromProducts(Topology topology, DMatrixRMaj[] p, int[] rows);

    /**
     * From dLoss/dz on the pass's rows: accumulates the gradients of the parameters that are not input weights and
     * returns dLoss/dp_k for every node (numNodes x width_k each).
     */
    DMatrixRMaj[] backwardFromProducts(Pass pass, DMatrixRMaj dz);
}
