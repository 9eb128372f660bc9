package org.forwardlearn.forwardgnn.linkpred;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.forwardgnn.eval.Metrics;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * Forward link prediction (ForwardGNN section 3.4): layer l computes z = ReLU(conv(n(input))) on the
 * train-positive graph, is trained on its own edge objective, and its edge scores are averaged over
 * layers. Validation embeddings pass messages over train positives only; test embeddings over train
 * + validation positives (each layer is applied to both; test edges are never message edges).
 */
public final class ForwardLinkProblem implements LayerwiseProblem {
    private final List<GraphConv> convs;
    private final EdgeSplit split;
    private final EdgeObjective objective;
    private final ConvInput[] valInputs, testInputs;
    private final double[] valAcc, testAcc;
    private final List<double[]> layerMetrics = new ArrayList<>();
    private double testAp = Double.NaN;

    public ForwardLinkProblem(List<GraphConv> convs, NodeMatrix features, EdgeSplit split, EdgeObjective objective) {
        this.convs = List.copyOf(convs);
        this.split = split;
        this.objective = objective;
        valInputs = new ConvInput[convs.size()];
        testInputs = new ConvInput[convs.size()];
        NodeMatrix x = features.rowL2Normalized();
        valInputs[0] = new ConvInput(x, split.validationGraph(), true);
        testInputs[0] = new ConvInput(x, split.testGraph(), true);
        valAcc = new double[split.valPos().length + split.valNeg().length];
        testAcc = new double[split.testPos().length + split.testNeg().length];
    }

    @Override public int numLayers() { return convs.size(); }

    @Override public List<Parameter> parameters(int layer) { return convs.get(layer).parameters(); }

    public List<GraphConv> convs() { return convs; }

    @Override
    public double lossAndGradient(int layer, int epoch, int batch) {
        GraphConv c = convs.get(layer);
        DMatrixRMaj h = c.forward(valInputs[layer]);
        DMatrixRMaj dh = new DMatrixRMaj(1, 1);
        double loss = objective.evaluate(h, split.trainPos(), split.trainNeg(), dh);
        c.localGradient(valInputs[layer], h, dh);
        return loss;
    }

    private double[] scores(DMatrixRMaj h, int[][] pos, int[][] neg) {
        double[] a = objective.scores(h, pos), b = objective.scores(h, neg);
        double[] s = new double[a.length + b.length];
        System.arraycopy(a, 0, s, 0, a.length);
        System.arraycopy(b, 0, s, a.length, b.length);
        return s;
    }

    private static double auc(double[] acc, double[] extra, int layers, int numPos) {
        double[] p = new double[numPos], n = new double[acc.length - numPos];
        for (int i = 0; i < acc.length; i++) {
            double v = (acc[i] + (extra == null ? 0 : extra[i])) / layers;
            if (i < numPos) p[i] = v; else n[i - numPos] = v;
        }
        return Metrics.rocAuc(p, n);
    }

    @Override
    public double validate(int layer) {
        double[] s = scores(convs.get(layer).forward(valInputs[layer]), split.valPos(), split.valNeg());
        return auc(valAcc, s, layer + 1, split.valPos().length);
    }

    @Override
    public void layerFinished(int layer) {
        GraphConv c = convs.get(layer);
        DMatrixRMaj hv = c.forward(valInputs[layer]), ht = c.forward(testInputs[layer]);
        double[] sv = scores(hv, split.valPos(), split.valNeg()), st = scores(ht, split.testPos(), split.testNeg());
        for (int i = 0; i < sv.length; i++) valAcc[i] += sv[i];
        for (int i = 0; i < st.length; i++) testAcc[i] += st[i];
        int np = split.testPos().length;
        layerMetrics.add(new double[] {auc(valAcc, null, layer + 1, split.valPos().length), auc(testAcc, null, layer + 1, np)});
        double[] p = new double[np], n = new double[testAcc.length - np];
        for (int i = 0; i < testAcc.length; i++) if (i < np) p[i] = testAcc[i]; else n[i - np] = testAcc[i];
        testAp = Metrics.averagePrecision(p, n);
        if (layer + 1 < convs.size()) {
            valInputs[layer + 1] = new ConvInput(NodeMatrix.dense(hv).rowL2Normalized(), valInputs[layer].topology(), true);
            testInputs[layer + 1] = new ConvInput(NodeMatrix.dense(ht).rowL2Normalized(), testInputs[layer].topology(), true);
        }
        valInputs[layer] = null;
        testInputs[layer] = null;
    }

    /** Per finished layer {val AUC, test AUC} of the layer-averaged scores. */
    public List<double[]> layerMetrics() { return List.copyOf(layerMetrics); }

    public double testAp() { return testAp; }
}
