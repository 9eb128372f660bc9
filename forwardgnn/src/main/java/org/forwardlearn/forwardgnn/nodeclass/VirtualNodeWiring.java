package org.forwardlearn.forwardgnn.nodeclass;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.objective.ContrastiveObjective;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.graph.Topology;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * FF-VN / SymBa-VN: forward-forward where the positive and the negative graphs differ only in which
 * virtual node (one per class, frozen N(0,1) features, as SF) a training node is wired to: its own
 * class's in the positive graph, one wrong class's in each of the C-1 negative graphs (all wrong
 * classes, seeded random order per node, drawn once). All training graphs share the features: a
 * layer's next input is the positive graph's output. Evaluation graph k wires the evaluated nodes to
 * virtual node k and the nodes with a known label to their own class's virtual node.
 */
public final class VirtualNodeWiring {
    private VirtualNodeWiring() { }

    /** The problem and the frozen virtual-node features (C x F, for the model's extras). */
    public record Built(GoodnessNodeProblem problem, DMatrixRMaj virtualFeatures) { }

    public static Built create(List<GraphConv> convs, GraphData g, Split split, boolean bidirectional,
                               ContrastiveObjective objective, Random rng) {
        return create(convs, g, split, bidirectional, objective, rng, true);
    }

    /**
     * @param shared (allowed when the convolution supports it) the training graphs (every layer) and the evaluation graphs (layer 0) share the
     *               feature product ({@link GraphFamily}; every {@code ProductConv}); false runs the layer on each graph
     */
    static Built create(List<GraphConv> convs, GraphData g, Split split, boolean bidirectional, ContrastiveObjective objective,
                        Random rng, boolean shared) {
        shared &= GraphFamily.supports(convs.get(0));
        int n = g.numNodes(), c = g.numClasses();
        int[] train = split.train();
        DMatrixRMaj vf = VirtualNodes.randomFeatures(c, g.features().cols(), rng);
        int[][] wrong = LabelAppending.wrongClasses(g.labels(), train, c, rng);
        VirtualNodes p = VirtualNodes.augment(g, train, classes(g.labels(), train), bidirectional, vf);
        NodeMatrix x = p.features().rowL2Normalized();
        Topology[] trainTopo = new Topology[c];
        trainTopo[0] = p.topology();
        for (int j = 0; j < c - 1; j++) {
            int[] cls = new int[train.length];
            for (int t = 0; t < train.length; t++) cls[t] = wrong[t][j];
            trainTopo[j + 1] = wire(g, train, cls, bidirectional, vf);
        }
        int[] trainVal = concat(train, split.val()), all = concat(trainVal, split.test());
        Topology[] valTopo = new Topology[c], testTopo = new Topology[c];
        for (int k = 0; k < c; k++) {
            valTopo[k] = wire(g, trainVal, candidate(g.labels(), trainVal, train.length, k), bidirectional, vf);
            testTopo[k] = wire(g, all, candidate(g.labels(), all, trainVal.length, k), bidirectional, vf);
        }
        GraphFamily.Base base = new GraphFamily.Base(x);
        GraphSet[] sets = new GraphSet[3];
        Topology[][] topo = {trainTopo, valTopo, testTopo};
        for (int s = 0; s < 3; s++) {
            if (shared) {
                sets[s] = GraphFamily.sharedInput(base, topo[s]);
            } else {
                ConvInput[] in = new ConvInput[topo[s].length];
                for (int k = 0; k < in.length; k++) in[k] = new ConvInput(x, topo[s][k], true);
                sets[s] = new GraphSet.Inputs(in);
            }
        }
        return new Built(new GoodnessNodeProblem(convs, objective, sets[0], sets[1], sets[2], train, g.labels(), c, n, split, true,
                shared), vf);
    }

    private static Topology wire(GraphData g, int[] nodes, int[] cls, boolean bidirectional, DMatrixRMaj vf) {
        return VirtualNodes.augment(g, nodes, cls, bidirectional, vf).topology();
    }

    private static int[] classes(int[] labels, int[] nodes) {
        int[] c = new int[nodes.length];
        for (int t = 0; t < nodes.length; t++) c[t] = labels[nodes[t]];
        return c;
    }

    /** True classes for the first {@code known} nodes, class k for the rest. */
    private static int[] candidate(int[] labels, int[] nodes, int known, int k) {
        int[] c = classes(labels, nodes);
        for (int t = known; t < nodes.length; t++) c[t] = k;
        return c;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] o = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, o, a.length, b.length);
        return o;
    }
}
