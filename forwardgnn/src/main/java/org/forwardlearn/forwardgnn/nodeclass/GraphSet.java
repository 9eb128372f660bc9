package org.forwardlearn.forwardgnn.nodeclass;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Topology;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * The graphs one forward-forward layer scores together (the positive and negative training graphs, or
 * the C evaluation graphs), each with its own constant layer input. {@link Inputs} runs the layer on
 * every graph separately; {@link GraphFamily} shares the products that are equal across the graphs.
 */
interface GraphSet {
    int size();

    /** Nodes per graph (the rows of an output computed on every row). */
    int numNodes();

    /** Graph g's topology. */
    Topology topology(int g);

    /** h_g = ReLU(conv(x_g)) on {@code rows} (null: every row), one matrix per graph. */
    DMatrixRMaj[] forward(GraphConv conv, int[] rows);

    /**
     * Accumulates the parameter gradients from dLoss/dh_g on {@code rows} (the same rows and outputs as
     * the latest {@link #forward}); {@code dh} may be overwritten.
     */
    void localGradient(GraphConv conv, int[] rows, DMatrixRMaj[] h, DMatrixRMaj[] dh);

    /** The straightforward path: one {@link ConvInput} per graph, the layer applied to each. */
    final class Inputs implements GraphSet {
        private final ConvInput[] in;

        Inputs(ConvInput... in) { this.in = in.clone(); }

        ConvInput get(int g) { return in[g]; }

        @Override public int size() { return in.length; }

        @Override public int numNodes() { return in[0].x().rows(); }

        @Override public Topology topology(int g) { return in[g].topology(); }

        @Override
        public DMatrixRMaj[] forward(GraphConv conv, int[] rows) {
            DMatrixRMaj[] h = new DMatrixRMaj[in.length];
            for (int g = 0; g < in.length; g++) h[g] = rows == null ? conv.forward(in[g]) : conv.forward(in[g], rows);
            return h;
        }

        @Override
        public void localGradient(GraphConv conv, int[] rows, DMatrixRMaj[] h, DMatrixRMaj[] dh) {
            for (int g = 0; g < in.length; g++) {
                if (rows == null) conv.localGradient(in[g], h[g], dh[g]);
                else conv.localGradient(in[g], rows, h[g], dh[g]);
            }
        }
    }

    /** Constant inputs for the next layer: the row-L2-normalised outputs, each graph with its own topology. */
    static NodeMatrix next(DMatrixRMaj h) { return NodeMatrix.dense(h).rowL2Normalized(); }
}
