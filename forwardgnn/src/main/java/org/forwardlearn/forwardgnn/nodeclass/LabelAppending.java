package org.forwardlearn.forwardgnn.nodeclass;

import java.util.List;
import java.util.Random;
import org.forwardlearn.core.objective.ContrastiveObjective;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * FF-LA / SymBa-LA: forward-forward with the label appended to the node features. Training nodes
 * carry their one-hot label in the positive graph and one wrong label in each of the C-1 negative
 * graphs (all wrong labels, in a seeded random order per node, drawn once); every other node carries
 * the uniform vector 1/C. Evaluation graph k appends class k to the evaluated nodes (validation, or
 * test), the true label to the nodes whose label is known (training, plus validation at test time)
 * and 1/C to the rest. Layer 0 therefore reads F + C columns.
 */
public final class LabelAppending {
    private LabelAppending() { }

    /** Input width of layer 0 for a graph with F features and C classes. */
    public static int inputSize(GraphData g) { return g.features().cols() + g.numClasses(); }

    public static GoodnessNodeProblem create(List<GraphConv> convs, GraphData g, Split split, ContrastiveObjective objective,
                                             Random rng) {
        return create(convs, g, split, objective, rng, true);
    }

    /**
     * @param shared (allowed when the convolution supports it) layer 0 shares the feature product across the graphs ({@link GraphFamily}; every {@code ProductConv});
     *               false materialises every graph's input (the straightforward path)
     */
    static GoodnessNodeProblem create(List<GraphConv> convs, GraphData g, Split split, ContrastiveObjective objective,
                                      Random rng, boolean shared) {
        shared &= GraphFamily.supports(convs.get(0));
        int n = g.numNodes(), c = g.numClasses();
        int[] train = split.train();
        int[][] wrong = wrongClasses(g.labels(), train, c, rng);
        int[][] trainLabels = new int[c][];
        trainLabels[0] = known(g.labels(), train);
        for (int j = 0; j < c - 1; j++) {
            trainLabels[j + 1] = trainLabels[0].clone();
            for (int t = 0; t < train.length; t++) trainLabels[j + 1][train[t]] = wrong[t][j];
        }
        int[][] valLabels = new int[c][], testLabels = new int[c][];
        for (int k = 0; k < c; k++) {
            valLabels[k] = known(g.labels(), train);
            testLabels[k] = known(g.labels(), train, split.val());
            for (int i : split.val()) valLabels[k][i] = k;
            for (int i : split.test()) testLabels[k][i] = k;
        }
        GraphFamily.Base base = new GraphFamily.Base(g.features());
        GraphSet[] sets = new GraphSet[3];
        int[][][] all = {trainLabels, valLabels, testLabels};
        for (int s = 0; s < 3; s++) {
            GraphFamily f = GraphFamily.labelAppended(base, g.topology(), c, all[s]);
            if (shared) {
                sets[s] = f;
            } else {
                ConvInput[] in = new ConvInput[f.size()];
                for (int k = 0; k < in.length; k++) in[k] = new ConvInput(f.input(k), g.topology(), true);
                sets[s] = new GraphSet.Inputs(in);
            }
        }
        return new GoodnessNodeProblem(convs, objective, sets[0], sets[1], sets[2], train, g.labels(), c, n, split, false, shared);
    }

    /** The label of the given nodes, -1 (uniform 1/C label columns) for every other node. */
    private static int[] known(int[] labels, int[]... sets) {
        int[] k = new int[labels.length];
        java.util.Arrays.fill(k, -1);
        for (int[] s : sets) for (int i : s) k[i] = labels[i];
        return k;
    }

    /** For each training node, its C-1 wrong classes in a random order (row t, column j: negative graph j). */
    static int[][] wrongClasses(int[] labels, int[] train, int c, Random rng) {
        int[][] w = new int[train.length][c - 1];
        for (int t = 0; t < train.length; t++) {
            int p = 0;
            for (int k = 0; k < c; k++) if (k != labels[train[t]]) w[t][p++] = k;
            for (int i = c - 2; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = w[t][i]; w[t][i] = w[t][j]; w[t][j] = tmp;
            }
        }
        return w;
    }
}
