package org.forwardlearn.forwardgnn.block;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.objective.PrototypeSoftmaxLoss;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * The single-forward (SF) layer objective over one node block: the block's training rows' softmax cross-entropy of
 * &lt;h_i, p_k&gt;/tau against the class prototypes p (the virtual nodes' outputs of the same layer, computed once per
 * step for all blocks by {@link SfPrototypes} and passed in), as forwardgnn's {@code SingleForward}. The loss, dL/dθ and
 * dL/dp are this block's share of the global mean: scaled by (block's training rows / global training rows), so the
 * shares of all blocks sum to the whole graph's values. Nothing here depends on where the block lives.
 */
public final class BlockSf {
    private final ConvInput input;
    private final int[] trainRows, trainLabels, valRows, valLabels, localTrain;
    private final PrototypeSoftmaxLoss loss;
    private final DMatrixRMaj dh = new DMatrixRMaj(1, 1);

    /**
     * @param input       the block's constant layer input ({@link Block#input})
     * @param trainRows   own rows with a training label, and their labels
     * @param valRows     own validation rows with a label, and their labels
     */
    public BlockSf(ConvInput input, int[] trainRows, int[] trainLabels, int[] valRows, int[] valLabels, double tau) {
        if (trainRows.length != trainLabels.length || valRows.length != valLabels.length) {
            throw new IllegalArgumentException("Expected one label per row (got " + trainRows.length + "/" + trainLabels.length + " training, "
                    + valRows.length + "/" + valLabels.length + " validation)");
        }
        this.input = input;
        this.trainRows = trainRows; this.trainLabels = trainLabels; this.valRows = valRows; this.valLabels = valLabels;
        this.localTrain = Block.identity(trainRows.length);
        this.loss = new PrototypeSoftmaxLoss(tau);
    }

    public ConvInput input() { return input; }

    public int trainCount() { return trainRows.length; }

    /**
     * This block's share of the layer loss; accumulates its share of dL/dθ into the conv's parameter gradients and writes
     * its share of dL/dp into {@code dPrototypes} (reshaped). 0 (and nothing accumulated) without training rows.
     */
    public double lossAndGradient(GraphConv conv, DMatrixRMaj prototypes, long globalTrain, DMatrixRMaj dPrototypes) {
        dPrototypes.reshape(prototypes.numRows, prototypes.numCols);
        dPrototypes.zero();
        if (trainRows.length == 0) return 0;
        DMatrixRMaj h = conv.forward(input, trainRows);
        double l = loss.evaluate(h, localTrain, trainLabels, prototypes, dh, dPrototypes);
        double s = (double) trainRows.length / globalTrain;
        if (s != 1) {
            for (int i = 0; i < dh.getNumElements(); i++) dh.data[i] *= s;
            for (int i = 0; i < dPrototypes.getNumElements(); i++) dPrototypes.data[i] *= s;
        }
        conv.localGradient(input, trainRows, h, dh);
        return l * s;
    }

    /**
     * {correct, counted} on the block's validation rows of argmax(summed distributions of the finished layers + this
     * layer's), {@code cum} holding the finished layers' sums of every own row (own x C, row-major).
     */
    public long[] validate(GraphConv conv, DMatrixRMaj prototypes, double[] cum) {
        if (valRows.length == 0) return new long[2];
        DMatrixRMaj p = loss.probabilities(conv.forward(input, valRows), prototypes);
        int c = p.numCols;
        long correct = 0;
        for (int t = 0; t < valRows.length; t++) {
            int best = 0;
            double bv = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                double v = cum[valRows[t] * c + k] + p.data[t * c + k];
                if (v > bv) { bv = v; best = k; }
            }
            if (best == valLabels[t]) correct++;
        }
        return new long[] {correct, valRows.length};
    }

    /** The layer's outputs on the own rows: {h (own x d), class distributions softmax(&lt;h, p&gt;/tau) (own x C)}. */
    public DMatrixRMaj[] outputs(GraphConv conv, DMatrixRMaj prototypes, int own) {
        DMatrixRMaj h = conv.forward(input, Block.identity(own));
        return new DMatrixRMaj[] {h, loss.probabilities(h, prototypes)};
    }
}
