package org.forwardlearn.forwardgnn.linkpred;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.forwardgnn.eval.Metrics;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Topology;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.nodeclass.TopDownStack;

/**
 * FL-CE with top-down signals (method {@code fl-ce-top}): a recurrent {@link TopDownStack} where
 * layer j reads [n(s_{j-1}) | n(s_{j+1})] (the top layer only the state below), trained with the
 * edge objective on the train-positive graph, all layers together (core's ALL_LAYERS schedule), one
 * local step per layer per epoch with the alternating even/odd update. Scores: from a bottom-up
 * start, 10 steps; sigmoid(&lt;z_u, z_v&gt;) averaged over steps 2..9 and over layers. Validation passes
 * messages over train positives, test over train + validation positives.
 */
public final class TopDownLinkProblem implements LayerwiseProblem {
    public static final int TEST_STEPS = 10, FIRST_AVERAGED_STEP = 2;

    private final TopDownStack stack;
    private final TopDownStack.Trainer trainer;
    private final EdgeSplit split;
    private final EdgeObjective objective;
    private final Topology valGraph, testGraph;
    private List<double[]> layerMetrics = List.of();
    private double testAp = Double.NaN;

    /** @param convs layer j must read {@link TopDownStack#inputSize}(j, L, F, hidden, 0) columns */
    public TopDownLinkProblem(List<GraphConv> convs, NodeMatrix features, EdgeSplit split, EdgeObjective objective) {
        this.stack = new TopDownStack(convs, features.rowL2Normalized(), null);
        this.split = split;
        this.objective = objective;
        this.valGraph = split.validationGraph();
        this.testGraph = split.testGraph();
        this.trainer = stack.new Trainer(valGraph);
    }

    @Override public int numLayers() { return stack.numLayers(); }

    @Override public List<Parameter> parameters(int layer) { return stack.convs().get(layer).parameters(); }

    public List<GraphConv> convs() { return stack.convs(); }

    @Override
    public double lossAndGradient(int layer, int epoch, int batch) {
        GraphConv c = stack.convs().get(layer);
        ConvInput in = trainer.input(layer, epoch);
        DMatrixRMaj h = c.forward(in);
        trainer.record(layer, h);
        DMatrixRMaj dh = new DMatrixRMaj(1, 1);
        double loss = objective.evaluate(h, split.trainPos(), split.trainNeg(), dh);
        c.localGradient(in, h, dh);
        return loss;
    }

    /** Per layer: scores (positives then negatives) summed over steps 2..9. */
    private double[][] scores(Topology t, int[][] pos, int[][] neg) {
        double[][] perLayer = new double[stack.numLayers()][pos.length + neg.length];
        stack.run(t, TEST_STEPS, (step, j, h) -> {
            if (step < FIRST_AVERAGED_STEP) return;
            double[] a = objective.scores(h, pos), b = objective.scores(h, neg);
            for (int k = 0; k < a.length; k++) perLayer[j][k] += a[k];
            for (int k = 0; k < b.length; k++) perLayer[j][a.length + k] += b[k];
        });
        return perLayer;
    }

    private static double[][] split(double[][] perLayer, int upTo, int numPos) {
        int m = perLayer[0].length;
        double[] p = new double[numPos], n = new double[m - numPos];
        for (int j = 0; j <= upTo; j++) {
            for (int k = 0; k < m; k++) if (k < numPos) p[k] += perLayer[j][k]; else n[k - numPos] += perLayer[j][k];
        }
        return new double[][] {p, n};
    }

    @Override
    public double validate(int layer) {
        double[][] pn = split(scores(valGraph, split.valPos(), split.valNeg()), numLayers() - 1, split.valPos().length);
        return Metrics.rocAuc(pn[0], pn[1]);
    }

    @Override
    public void layerFinished(int layer) {
        if (layer != numLayers() - 1) return;
        double[][] v = scores(valGraph, split.valPos(), split.valNeg()), t = scores(testGraph, split.testPos(), split.testNeg());
        List<double[]> m = new ArrayList<>();
        for (int j = 0; j < numLayers(); j++) {
            double[][] a = split(v, j, split.valPos().length), b = split(t, j, split.testPos().length);
            m.add(new double[] {Metrics.rocAuc(a[0], a[1]), Metrics.rocAuc(b[0], b[1])});
            if (j == numLayers() - 1) testAp = Metrics.averagePrecision(b[0], b[1]);
        }
        layerMetrics = List.copyOf(m);
    }

    /** Per layer l: {val AUC, test AUC} of the scores of layers 0..l (after training). */
    public List<double[]> layerMetrics() { return layerMetrics; }

    public double testAp() { return testAp; }
}
