package org.forwardlearn.forwardgnn.nodeclass;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.objective.PrototypeSoftmaxLoss;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * ForwardGNN's single-forward method (SF): the graph gets one virtual node per class, wired to the
 * training nodes of that class. Each layer's loss is the softmax cross-entropy of the training
 * nodes' similarities &lt;h_i, h_vk&gt;/tau to the virtual nodes' outputs of the same layer; a layer's
 * prediction is that softmax, and the model sums the layers' distributions.
 */
public final class SingleForward extends NodeProblem {
    private final PrototypeSoftmaxLoss loss;
    private final int[] trainLabels;

    private SingleForward(List<GraphConv> convs, VirtualNodes aug, GraphData g, Split split, double tau) {
        super(convs, aug.topology(), aug.features(), g.labels(), g.numClasses(), g.numNodes(), split);
        this.loss = new PrototypeSoftmaxLoss(tau);
        this.trainLabels = new int[split.train().length];
        for (int t = 0; t < trainLabels.length; t++) trainLabels[t] = g.labels()[split.train()[t]];
    }

    /**
     * @param convs         the layers (layer 0 reads g's features)
     * @param bidirectional wire training nodes and virtual nodes both ways (the paper's default)
     * @param tau           softmax temperature (1 in the paper)
     * @param rng           draws the frozen virtual-node features
     */
    public static SingleForward create(List<GraphConv> convs, GraphData g, Split split, boolean bidirectional, double tau,
                                       Random rng) {
        int[] cls = new int[split.train().length];
        for (int t = 0; t < cls.length; t++) cls[t] = g.labels()[split.train()[t]];
        VirtualNodes aug = VirtualNodes.augment(g, split.train(), cls, bidirectional,
                VirtualNodes.randomFeatures(g.numClasses(), g.features().cols(), rng));
        return new SingleForward(convs, aug, g, split, tau);
    }

    /** Rows numReal .. numReal+C-1 of h: the class prototypes of this layer. */
    private DMatrixRMaj prototypes(DMatrixRMaj h) {
        int d = h.numCols;
        DMatrixRMaj p = new DMatrixRMaj(numClasses, d);
        System.arraycopy(h.data, numReal * d, p.data, 0, numClasses * d);
        return p;
    }

    @Override
    public double lossAndGradient(int layer, int epoch, int batch) {
        GraphConv conv = convs.get(layer);
        DMatrixRMaj h = conv.forward(input(layer));
        DMatrixRMaj protos = prototypes(h);
        DMatrixRMaj dh = new DMatrixRMaj(1, 1), dp = new DMatrixRMaj(1, 1);
        double l = loss.evaluate(h, split.train(), trainLabels, protos, dh, dp);
        int d = h.numCols;
        for (int i = 0; i < numClasses * d; i++) dh.data[numReal * d + i] += dp.data[i];
        conv.localGradient(input(layer), h, dh);
        return l;
    }

    @Override
    protected double[] layerScores(int layer, DMatrixRMaj h) {
        DMatrixRMaj protos = prototypes(h);
        int d = h.numCols;
        double[] logits = new double[numReal * numClasses];
        for (int i = 0; i < numReal; i++) {
            for (int k = 0; k < numClasses; k++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += h.data[i * d + j] * protos.data[k * d + j];
                logits[i * numClasses + k] = s / loss.tau();
            }
        }
        return softmaxRows(logits, numReal, numClasses);
    }
}
