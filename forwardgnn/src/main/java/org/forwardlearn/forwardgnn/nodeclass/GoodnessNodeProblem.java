package org.forwardlearn.forwardgnn.nodeclass;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.objective.ContrastiveObjective;
import org.forwardlearn.core.objective.Goodness;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * Forward-forward style node classification on whole graphs (FF-LA, FF-VN and their SymBa
 * variants). Each layer sees one positive graph and k negative graphs that differ from it only in
 * the label information of the training nodes (appended one-hot labels, or the virtual node they
 * are wired to). The layer's loss is a core {@link ContrastiveObjective} on the goodness of the
 * training nodes' rows: positives vs the k negatives stacked graph after graph (so negative row
 * j*T + t is paired with positive t, as {@code SymBaLoss} expects). Prediction tries every class:
 * evaluation graph k carries class k on the evaluated nodes, and a node's score for k is its
 * goodness summed over the finished layers. Every graph keeps its own layer input (a constant: the
 * row-L2-normalised, detached output of the layer below on the same graph); no gradient crosses layers.
 */
public final class GoodnessNodeProblem implements LayerwiseProblem {
    private final List<GraphConv> convs;
    private final ContrastiveObjective objective;
    private final Goodness goodness;
    private final int[] trainRows, labels;
    private final int numClasses, numReal;
    private final Split split;
    private final boolean shareTrainingInput;
    private ConvInput pos;
    private final ConvInput[] negs, val, test;
    private final double[] accVal, accTest;
    private final List<double[]> layerAccuracies = new ArrayList<>();

    /**
     * @param pos                layer-0 input of the positive graph (already row-normalised)
     * @param negs               layer-0 inputs of the negative graphs
     * @param val                layer-0 inputs of the validation graphs, one per candidate class
     * @param test               layer-0 inputs of the test graphs, one per candidate class
     * @param trainRows          rows scored by the loss (the training nodes)
     * @param numReal            real nodes (rows 0..numReal-1 are scored for prediction; rows above are virtual)
     * @param shareTrainingInput the negative graphs' next input is the positive graph's output (FF-VN:
     *                           the graphs differ only in their wiring), instead of their own output (FF-LA)
     */
    public GoodnessNodeProblem(List<GraphConv> convs, ContrastiveObjective objective, ConvInput pos, ConvInput[] negs,
                               ConvInput[] val, ConvInput[] test, int[] trainRows, int[] labels, int numClasses, int numReal,
                               Split split, boolean shareTrainingInput) {
        if (val.length != numClasses || test.length != numClasses) {
            throw new IllegalArgumentException("Expected one evaluation graph per class (" + numClasses + ") (got " + val.length
                    + ", " + test.length + ")");
        }
        this.convs = List.copyOf(convs);
        this.objective = objective;
        this.goodness = objective.goodness();
        this.pos = pos;
        this.negs = negs.clone();
        this.val = val.clone();
        this.test = test.clone();
        this.trainRows = trainRows;
        this.labels = labels;
        this.numClasses = numClasses;
        this.numReal = numReal;
        this.split = split;
        this.shareTrainingInput = shareTrainingInput;
        this.accVal = new double[numReal * numClasses];
        this.accTest = new double[numReal * numClasses];
    }

    @Override public int numLayers() { return convs.size(); }

    @Override public List<Parameter> parameters(int layer) { return convs.get(layer).parameters(); }

    public List<GraphConv> convs() { return convs; }

    public ContrastiveObjective objective() { return objective; }

    @Override
    public double lossAndGradient(int layer, int epoch, int batch) {
        GraphConv conv = convs.get(layer);
        int t = trainRows.length, k = negs.length;
        DMatrixRMaj hp = conv.forward(pos);
        int d = hp.numCols;
        DMatrixRMaj[] hn = new DMatrixRMaj[k];
        DMatrixRMaj p = new DMatrixRMaj(t, d), n = new DMatrixRMaj(t * k, d);
        gather(hp, p, 0);
        for (int j = 0; j < k; j++) {
            hn[j] = conv.forward(negs[j]);
            gather(hn[j], n, j * t);
        }
        DMatrixRMaj dp = new DMatrixRMaj(1, 1), dn = new DMatrixRMaj(1, 1);
        double loss = objective.evaluate(p, n, dp, dn);
        conv.localGradient(pos, hp, scatter(dp, 0, hp));
        for (int j = 0; j < k; j++) conv.localGradient(negs[j], hn[j], scatter(dn, j * t, hn[j]));
        return loss;
    }

    private void gather(DMatrixRMaj h, DMatrixRMaj into, int offset) {
        int d = h.numCols;
        for (int r = 0; r < trainRows.length; r++) System.arraycopy(h.data, trainRows[r] * d, into.data, (offset + r) * d, d);
    }

    private DMatrixRMaj scatter(DMatrixRMaj g, int offset, DMatrixRMaj like) {
        int d = like.numCols;
        DMatrixRMaj out = new DMatrixRMaj(like.numRows, d);
        for (int r = 0; r < trainRows.length; r++) System.arraycopy(g.data, (offset + r) * d, out.data, trainRows[r] * d, d);
        return out;
    }

    /** Goodness of every real node under each candidate class (numReal x C, row-major). */
    private double[] scores(DMatrixRMaj[] outputs) {
        double[] s = new double[numReal * numClasses];
        double[] g = new double[outputs[0].numRows];
        for (int c = 0; c < numClasses; c++) {
            goodness.evaluate(outputs[c], g);
            for (int i = 0; i < numReal; i++) s[i * numClasses + c] = g[i];
        }
        return s;
    }

    private DMatrixRMaj[] forwardAll(GraphConv conv, ConvInput[] ins) {
        DMatrixRMaj[] h = new DMatrixRMaj[ins.length];
        for (int c = 0; c < ins.length; c++) h[c] = conv.forward(ins[c]);
        return h;
    }

    @Override
    public double validate(int layer) {
        return accuracy(accVal, scores(forwardAll(convs.get(layer), val)), split.val());
    }

    @Override
    public void layerFinished(int layer) {
        GraphConv conv = convs.get(layer);
        DMatrixRMaj[] hv = forwardAll(conv, val), ht = forwardAll(conv, test);
        double[] sv = scores(hv), st = scores(ht);
        for (int i = 0; i < sv.length; i++) { accVal[i] += sv[i]; accTest[i] += st[i]; }
        layerAccuracies.add(new double[] {accuracy(accVal, null, split.val()), accuracy(accTest, null, split.test())});
        if (layer + 1 < convs.size()) {
            NodeMatrix xp = next(conv.forward(pos));
            for (int j = 0; j < negs.length; j++) {
                NodeMatrix xn = shareTrainingInput ? xp : next(conv.forward(negs[j]));
                negs[j] = new ConvInput(xn, negs[j].topology(), true);
            }
            pos = new ConvInput(xp, pos.topology(), true);
            for (int c = 0; c < numClasses; c++) {
                val[c] = new ConvInput(next(hv[c]), val[c].topology(), true);
                test[c] = new ConvInput(next(ht[c]), test[c].topology(), true);
            }
        }
    }

    private static NodeMatrix next(DMatrixRMaj h) { return NodeMatrix.dense(h).rowL2Normalized(); }

    private double accuracy(double[] acc, double[] extra, int[] nodes) {
        int correct = 0;
        for (int i : nodes) {
            int best = 0;
            double bv = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < numClasses; c++) {
                double v = acc[i * numClasses + c] + (extra == null ? 0 : extra[i * numClasses + c]);
                if (v > bv) { bv = v; best = c; }
            }
            if (best == labels[i]) correct++;
        }
        return (double) correct / nodes.length;
    }

    /** Per finished layer: {validation accuracy, test accuracy} of the goodness summed over layers 0..l. */
    public List<double[]> layerAccuracies() { return List.copyOf(layerAccuracies); }

    /** Class per real node: argmax of the test graphs' summed goodness. */
    public int[] predictions() {
        int[] p = new int[numReal];
        for (int i = 0; i < numReal; i++) {
            int best = 0;
            for (int c = 1; c < numClasses; c++) if (accTest[i * numClasses + c] > accTest[i * numClasses + best]) best = c;
            p[i] = best;
        }
        return p;
    }
}
