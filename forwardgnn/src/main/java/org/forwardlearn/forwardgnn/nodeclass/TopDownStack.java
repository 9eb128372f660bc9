package org.forwardlearn.forwardgnn.nodeclass;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Topology;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * A recurrent top-to-input stack (ForwardGNN's top-down signals, after Hinton's recurrent FF):
 * layer j reads [n(s_{j-1}) | n(s_{j+1})], the normalised states of the layer below (the input
 * features for j = 0) and of the layer above; the top layer reads the given context in place of the
 * state above (a label context), or nothing when the context is null. States start with one
 * bottom-up pass where the states above are zeros. A step updates the even layers from the previous
 * states, then the odd layers from the even layers' new states (the alternating update). Every
 * input is a detached constant: no gradient crosses layers.
 */
public final class TopDownStack {
    /** Receives each layer's output of each step. */
    public interface Visitor { void visit(int step, int layer, DMatrixRMaj h); }

    private final List<GraphConv> convs;
    private final NodeMatrix x0;
    private final DMatrixRMaj context;
    private final int hidden;

    /**
     * @param x0      the row-normalised input features (rows = nodes of every topology used)
     * @param context the top layer's extra input (rows = nodes, already normalised), or null
     */
    public TopDownStack(List<GraphConv> convs, NodeMatrix x0, DMatrixRMaj context) {
        this.convs = List.copyOf(convs);
        this.x0 = x0;
        this.context = context;
        this.hidden = convs.get(0).outputSize();
    }

    /** Input width of layer j of an L-layer stack reading F features with a context of width c (0 for none). */
    public static int inputSize(int j, int layers, int features, int hidden, int c) {
        return (j == 0 ? features : hidden) + (j + 1 < layers ? hidden : c);
    }

    public int numLayers() { return convs.size(); }

    public List<GraphConv> convs() { return convs; }

    /** Layer j's input from the state below ({@code below}, ignored for j = 0) and above ({@code above}, ignored for the top). */
    public ConvInput input(int j, Topology t, DMatrixRMaj below, DMatrixRMaj above) {
        NodeMatrix b = j == 0 ? x0 : NodeMatrix.dense(below);
        DMatrixRMaj a = j + 1 < convs.size() ? above : context;
        return new ConvInput(NodeInputs.hstack(b, a), t, true);
    }

    /** The initial states: one bottom-up pass with zeros for every state above. */
    public DMatrixRMaj[] bottomUp(Topology t) {
        int l = convs.size();
        DMatrixRMaj[] s = new DMatrixRMaj[l];
        for (int j = 0; j < l; j++) {
            int width = j + 1 < l ? hidden : (context == null ? 0 : context.numCols);
            DMatrixRMaj zeros = width == 0 ? null : new DMatrixRMaj(x0.rows(), width);
            ConvInput in = new ConvInput(NodeInputs.hstack(j == 0 ? x0 : NodeMatrix.dense(s[j - 1]), zeros), t, true);
            s[j] = NodeInputs.rowL2(convs.get(j).forward(in));
        }
        return s;
    }

    /** Runs {@code steps} alternating steps from a bottom-up start; the visitor sees every output. */
    public void run(Topology t, int steps, Visitor visitor) {
        int l = convs.size();
        DMatrixRMaj[] s = bottomUp(t);
        for (int step = 0; step < steps; step++) {
            DMatrixRMaj[] nw = new DMatrixRMaj[l];
            for (int parity = 0; parity < 2; parity++) {
                for (int j = parity; j < l; j += 2) {
                    DMatrixRMaj[] src = parity == 1 ? nw : s;
                    DMatrixRMaj h = convs.get(j).forward(input(j, t, j == 0 ? null : src[j - 1], j + 1 < l ? src[j + 1] : null));
                    nw[j] = NodeInputs.rowL2(h);
                    visitor.visit(step, j, h);
                }
            }
            s = nw;
        }
    }

    /**
     * Training-time recurrence over epochs: the states of the previous epoch, and this epoch's new
     * states (computed on demand for the even layers, which the odd layers read).
     */
    public final class Trainer {
        private final Topology topology;
        private DMatrixRMaj[] old, nw;
        private int epoch = Integer.MIN_VALUE;

        public Trainer(Topology topology) { this.topology = topology; }

        /** Layer j's input in this epoch (odd layers read the even layers' new states). */
        public ConvInput input(int j, int epoch) {
            advance(epoch);
            int l = convs.size();
            boolean odd = j % 2 == 1;
            DMatrixRMaj below = j == 0 ? null : (odd ? fresh(j - 1) : old[j - 1]);
            DMatrixRMaj above = j + 1 < l ? (odd ? fresh(j + 1) : old[j + 1]) : null;
            return TopDownStack.this.input(j, topology, below, above);
        }

        /** Records layer j's output of this epoch (before its parameters are stepped). */
        public void record(int j, DMatrixRMaj h) { nw[j] = NodeInputs.rowL2(h); }

        private DMatrixRMaj fresh(int even) {
            if (nw[even] == null) nw[even] = NodeInputs.rowL2(convs.get(even).forward(input(even, epoch)));
            return nw[even];
        }

        private void advance(int e) {
            if (old == null) { old = bottomUp(topology); nw = new DMatrixRMaj[convs.size()]; epoch = e; return; }
            if (e == epoch) return;
            for (int j = 0; j < old.length; j++) if (nw[j] != null) old[j] = nw[j];
            nw = new DMatrixRMaj[convs.size()];
            epoch = e;
        }
    }
}
