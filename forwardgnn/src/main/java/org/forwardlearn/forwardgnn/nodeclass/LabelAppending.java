package org.forwardlearn.forwardgnn.nodeclass;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.objective.ContrastiveObjective;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
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
        int n = g.numNodes(), c = g.numClasses();
        int[] train = split.train();
        int[][] wrong = wrongClasses(g.labels(), train, c, rng);
        boolean[] isTrain = mask(n, train);
        ConvInput pos = input(g, g.labels(), isTrain);
        ConvInput[] negs = new ConvInput[c - 1];
        for (int j = 0; j < c - 1; j++) {
            int[] lab = g.labels().clone();
            for (int t = 0; t < train.length; t++) lab[train[t]] = wrong[t][j];
            negs[j] = input(g, lab, isTrain);
        }
        ConvInput[] val = new ConvInput[c], test = new ConvInput[c];
        boolean[] trainVal = mask(n, train, split.val()), all = mask(n, train, split.val(), split.test());
        for (int k = 0; k < c; k++) {
            int[] lv = g.labels().clone(), lt = g.labels().clone();
            for (int i : split.val()) lv[i] = k;
            for (int i : split.test()) lt[i] = k;
            val[k] = input(g, lv, trainVal);
            test[k] = input(g, lt, all);
        }
        return new GoodnessNodeProblem(convs, objective, pos, negs, val, test, train, g.labels(), c, n, split, false);
    }

    private static ConvInput input(GraphData g, int[] labels, boolean[] known) {
        DMatrixRMaj y = NodeInputs.labelRows(g.numNodes(), g.numClasses(), labels, known);
        NodeMatrix x = NodeInputs.hstack(g.features(), y).rowL2Normalized();
        return new ConvInput(x, g.topology(), true);
    }

    static boolean[] mask(int n, int[]... sets) {
        boolean[] m = new boolean[n];
        for (int[] s : sets) for (int i : s) m[i] = true;
        return m;
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
