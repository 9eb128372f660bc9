package org.forwardlearn.forwardgnn.block;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * SF's global part: the class prototypes, i.e. the virtual nodes' outputs of a layer. Virtual node k's in-neighbours are
 * the training nodes of class k, wherever they live, so the prototypes are computed in one place (a distributed
 * trainer's driver) from a block whose own rows are the C virtual nodes and whose halo rows are the training nodes'
 * layer inputs, gathered once per layer; the layer code is forwardgnn's own (any conv, GAT's attention included).
 * {@link #addGradient} adds the prototype path of dL/dθ from the summed dL/dp of every block.
 */
public final class SfPrototypes {
    private final ConvInput input;
    private final int[] rows;
    private DMatrixRMaj last;

    private SfPrototypes(ConvInput input, int classes) { this.input = input; this.rows = Block.identity(classes); }

    /**
     * @param virtualX    C x w layer inputs of the virtual nodes (row-L2-normalised)
     * @param trainX      the training nodes' layer inputs (row-L2-normalised), one row each
     * @param trainLabels their classes
     * @param trainDegree their global in-degrees without self-loop (real neighbours, plus 1 when the virtual node also
     *                    sends to them)
     */
    public static SfPrototypes create(String conv, DMatrixRMaj virtualX, DMatrixRMaj trainX, int[] trainLabels, int[] trainDegree) {
        int c = virtualX.numRows, t = trainX.numRows, w = virtualX.numCols;
        if (trainX.numCols != w || trainLabels.length != t || trainDegree.length != t) {
            throw new IllegalArgumentException("Expected " + t + " training rows of width " + w + " with labels and degrees (got width "
                    + trainX.numCols + ", " + trainLabels.length + " labels, " + trainDegree.length + " degrees)");
        }
        int[] deg = new int[c + t];
        for (int i = 0; i < t; i++) {
            if (trainLabels[i] < 0 || trainLabels[i] >= c) {
                throw new IllegalArgumentException("Expected a training label in [0," + c + ") (got " + trainLabels[i] + ")");
            }
            deg[trainLabels[i]]++;
            deg[c + i] = trainDegree[i];
        }
        int[] ptr = new int[c + 1];
        for (int k = 0; k < c; k++) ptr[k + 1] = ptr[k] + deg[k];
        int[] fill = java.util.Arrays.copyOf(ptr, c), src = new int[t];
        for (int i = 0; i < t; i++) src[fill[trainLabels[i]]++] = c + i;
        DMatrixRMaj x = new DMatrixRMaj(c + t, w);
        System.arraycopy(virtualX.data, 0, x.data, 0, c * w);
        System.arraycopy(trainX.data, 0, x.data, c * w, t * w);
        Block b = new Block(c, t, ptr, src, deg);
        return new SfPrototypes(b.input(conv, NodeMatrix.dense(x)), c);
    }

    /** The prototypes (C x hidden) under the conv's current parameters. */
    public DMatrixRMaj prototypes(GraphConv conv) {
        last = conv.forward(input, rows);
        return last.copy();
    }

    /** Accumulates the prototype path of dL/dθ from dL/dp (after {@link #prototypes} with the same parameters). */
    public void addGradient(GraphConv conv, DMatrixRMaj dPrototypes) {
        if (last == null) throw new IllegalStateException("Expected prototypes() before addGradient()");
        conv.localGradient(input, rows, last, dPrototypes.copy());
    }
}
