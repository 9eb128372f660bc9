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
import org.forwardlearn.forwardgnn.graph.Topology;
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
 * Only the rows a step reads are computed (training rows for the loss, validation rows for validation).
 * Graphs whose inputs share a base share its products ({@link GraphFamily}, for every {@code ProductConv}: layer 0 of
 * LA and VN, and VN's later training graphs); distinct inputs (LA above layer 0, the evaluation graphs
 * above layer 0) run on each graph ({@link GraphSet.Inputs}).
 */
public final class GoodnessNodeProblem implements LayerwiseProblem {
    private final List<GraphConv> convs;
    private final ContrastiveObjective objective;
    private final Goodness goodness;
    private final int[] trainRows, labels;
    private final int numClasses, numReal;
    private final Split split;
    private final boolean shareTrainingInput, shared;
    private GraphSet train, val, test;
    private final double[] accVal, accTest;
    private final List<double[]> layerAccuracies = new ArrayList<>();

    /**
     * @param train              layer-0 inputs of the training graphs: the positive graph first, then the negatives
     * @param val                layer-0 inputs of the validation graphs, one per candidate class
     * @param test               layer-0 inputs of the test graphs, one per candidate class
     * @param trainRows          rows scored by the loss (the training nodes)
     * @param numReal            real nodes (rows 0..numReal-1 are scored for prediction; rows above are virtual)
     * @param shareTrainingInput the negative graphs' next input is the positive graph's output (FF-VN:
     *                           the graphs differ only in their wiring), instead of their own output (FF-LA)
     * @param shared             with shareTrainingInput, the later layers' training graphs share their products
     *                           ({@link GraphFamily}) when the convolution allows it (a {@code ProductConv}: GCN, SAGE, GAT)
     */
    GoodnessNodeProblem(List<GraphConv> convs, ContrastiveObjective objective, GraphSet train, GraphSet val, GraphSet test,
                        int[] trainRows, int[] labels, int numClasses, int numReal, Split split, boolean shareTrainingInput,
                        boolean shared) {
        if (val.size() != numClasses || test.size() != numClasses) {
            throw new IllegalArgumentException("Expected one evaluation graph per class (" + numClasses + ") (got " + val.size()
                    + ", " + test.size() + ")");
        }
        if (train.size() < 2) throw new IllegalArgumentException("Expected a positive and at least one negative graph (got " + train.size() + ")");
        this.convs = List.copyOf(convs);
        this.objective = objective;
        this.goodness = objective.goodness();
        this.train = train;
        this.val = val;
        this.test = test;
        this.trainRows = trainRows;
        this.labels = labels;
        this.numClasses = numClasses;
        this.numReal = numReal;
        this.split = split;
        this.shareTrainingInput = shareTrainingInput;
        this.shared = shared;
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
        int t = trainRows.length, k = train.size() - 1;
        DMatrixRMaj[] h = train.forward(conv, trainRows);
        int d = h[0].numCols;
        DMatrixRMaj n = new DMatrixRMaj(t * k, d);
        for (int j = 0; j < k; j++) System.arraycopy(h[j + 1].data, 0, n.data, j * t * d, t * d);
        DMatrixRMaj dp = new DMatrixRMaj(1, 1), dn = new DMatrixRMaj(1, 1);
        double loss = objective.evaluate(h[0], n, dp, dn);
        DMatrixRMaj[] dh = new DMatrixRMaj[k + 1];
        dh[0] = dp;
        for (int j = 0; j < k; j++) {
            dh[j + 1] = new DMatrixRMaj(t, d);
            System.arraycopy(dn.data, j * t * d, dh[j + 1].data, 0, t * d);
        }
        train.localGradient(conv, trainRows, h, dh);
        return loss;
    }

    /**
     * Goodness of the given real nodes (null: all) under each candidate class (numReal x C, row-major;
     * outputs hold those rows in order, or every row).
     */
    private double[] scores(DMatrixRMaj[] outputs, int[] rows) {
        double[] s = new double[numReal * numClasses];
        double[] g = new double[outputs[0].numRows];
        for (int c = 0; c < numClasses; c++) {
            goodness.evaluate(outputs[c], g);
            if (rows == null) for (int i = 0; i < numReal; i++) s[i * numClasses + c] = g[i];
            else for (int r = 0; r < rows.length; r++) s[rows[r] * numClasses + c] = g[r];
        }
        return s;
    }

    @Override
    public double validate(int layer) {
        int[] rows = split.val();
        return accuracy(accVal, scores(val.forward(convs.get(layer), rows), rows), rows);
    }

    @Override
    public void layerFinished(int layer) {
        GraphConv conv = convs.get(layer);
        DMatrixRMaj[] hv = val.forward(conv, null), ht = test.forward(conv, null);
        double[] sv = scores(hv, null), st = scores(ht, null);
        for (int i = 0; i < sv.length; i++) { accVal[i] += sv[i]; accTest[i] += st[i]; }
        layerAccuracies.add(new double[] {accuracy(accVal, null, split.val()), accuracy(accTest, null, split.test())});
        if (layer + 1 < convs.size()) {
            DMatrixRMaj[] hTrain = train.forward(conv, null);
            NodeMatrix xp = GraphSet.next(hTrain[0]);
            Topology[] topo = new Topology[train.size()];
            for (int g = 0; g < topo.length; g++) topo[g] = train.topology(g);
            boolean linear = shared && GraphFamily.supports(convs.get(layer + 1));
            if (shareTrainingInput && linear) {
                train = GraphFamily.sharedInput(new GraphFamily.Base(xp), topo);
            } else {
                ConvInput[] in = new ConvInput[topo.length];
                for (int g = 0; g < topo.length; g++) {
                    in[g] = new ConvInput(g == 0 || shareTrainingInput ? xp : GraphSet.next(hTrain[g]), topo[g], true);
                }
                train = new GraphSet.Inputs(in);
            }
            val = nextInputs(val, hv);
            test = nextInputs(test, ht);
        }
    }

    /**
     * Diagnostics of layer {@code layer} in its current state (for analysis, not used in training):
     * {mean positive goodness, mean negative goodness, fraction of (positive, negative) pairs with G+ > G-,
     * mean relative output change ||h+ - h-|| / ||h+|| on the training rows, this layer's own validation
     * accuracy, mean goodness of the true class on validation rows, mean goodness of the other classes,
     * share of the validation rows predicted as the most predicted class, validation accuracy after
     * subtracting each candidate class's mean goodness over the validation rows, then those C means}.
     */
    double[] diagnostics(int layer) {
        GraphConv conv = convs.get(layer);
        int t = trainRows.length, k = train.size() - 1, d = conv.outputSize();
        DMatrixRMaj[] h = train.forward(conv, trainRows);
        double[] gp = new double[t], gn = new double[t];
        goodness.evaluate(h[0], gp);
        double sp = 0, sn = 0, above = 0, rel = 0;
        for (double v : gp) sp += v;
        for (int j = 1; j <= k; j++) {
            goodness.evaluate(h[j], gn);
            for (int r = 0; r < t; r++) {
                sn += gn[r];
                if (gp[r] > gn[r]) above++;
                double dd = 0, nn = 0;
                for (int c = 0; c < d; c++) {
                    double a = h[0].data[r * d + c], b = h[j].data[r * d + c];
                    dd += (a - b) * (a - b);
                    nn += a * a;
                }
                rel += nn > 0 ? Math.sqrt(dd / nn) : 0;
            }
        }
        int[] rows = split.val();
        double[] sv = scores(val.forward(conv, rows), rows);
        double trueG = 0, otherG = 0;
        int correct = 0;
        int[] predicted = new int[numClasses];
        for (int i : rows) {
            int best = 0;
            for (int c = 0; c < numClasses; c++) {
                double v = sv[i * numClasses + c];
                if (v > sv[i * numClasses + best]) best = c;
                if (c == labels[i]) trueG += v; else otherG += v;
            }
            predicted[best]++;
            if (best == labels[i]) correct++;
        }
        int most = 0;
        for (int v : predicted) most = Math.max(most, v);
        double[] classMean = new double[numClasses];
        for (int i : rows) for (int c = 0; c < numClasses; c++) classMean[c] += sv[i * numClasses + c] / rows.length;
        int debiased = 0;
        for (int i : rows) {
            int best = 0;
            for (int c = 1; c < numClasses; c++) {
                if (sv[i * numClasses + c] - classMean[c] > sv[i * numClasses + best] - classMean[best]) best = c;
            }
            if (best == labels[i]) debiased++;
        }
        double[] out = new double[9 + numClasses];
        double[] head = {sp / t, sn / (t * k), above / (t * k), rel / (t * k), (double) correct / rows.length,
                trueG / rows.length, otherG / ((numClasses - 1.0) * rows.length), (double) most / rows.length,
                (double) debiased / rows.length};
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(classMean, 0, out, head.length, numClasses);
        return out;
    }

    private static GraphSet nextInputs(GraphSet set, DMatrixRMaj[] h) {
        ConvInput[] in = new ConvInput[h.length];
        for (int c = 0; c < h.length; c++) in[c] = new ConvInput(GraphSet.next(h[c]), set.topology(c), true);
        return new GraphSet.Inputs(in);
    }

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
