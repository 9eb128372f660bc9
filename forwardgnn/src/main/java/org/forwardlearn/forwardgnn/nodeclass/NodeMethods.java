package org.forwardlearn.forwardgnn.nodeclass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.baseline.BackpropNodeClassifier;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.layer.Convs;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/** Builds the layer-wise problem of a node-classification method and reads its results after training. */
public final class NodeMethods {
    private NodeMethods() { }

    /** A built problem; the metric suppliers are valid after training. */
    public record Built(LayerwiseProblem problem, List<GraphConv> convs, Map<String, DMatrixRMaj> extras,
                        Supplier<Double> test, Supplier<Double> val, Supplier<List<double[]>> layers, Supplier<int[]> preds) {
        public double testAccuracy() { return test.get(); }
        public double valAccuracy() { return val.get(); }
        public List<double[]> layerMetrics() { return layers.get(); }
        public int[] predictions() { return preds.get(); }
    }

    /** The graph layers of a forward-learning model: layer 0 reads {@code in} columns, all output {@code hidden}. */
    public static List<GraphConv> stack(String conv, int in, int hidden, int layers, Random rng) {
        List<GraphConv> convs = new ArrayList<>();
        for (int l = 0; l < layers; l++) convs.add(Convs.create(conv, l == 0 ? in : hidden, hidden, rng));
        return convs;
    }

    public static Built build(GnnConfig c, GraphData g, Split split, Random rng) {
        switch (c.method()) {
            case "bp": {
                BackpropNodeClassifier bp = new BackpropNodeClassifier(g, split, c.conv(), c.layers(), c.hidden(), rng);
                return new Built(bp, bp.convs(), Map.of(),
                        () -> bp.accuracy(bp.logits(), split.test()), () -> bp.accuracy(bp.logits(), split.val()),
                        () -> List.of(new double[] {bp.accuracy(bp.logits(), split.val()), bp.accuracy(bp.logits(), split.test())}),
                        () -> argmax(bp.logits()));
            }
            case "sf": {
                List<GraphConv> convs = stack(c.conv(), g.features().cols(), c.hidden(), c.layers(), rng);
                SingleForward sf = SingleForward.create(convs, g, split, c.bidirectional(), c.tau(), rng);
                return node(sf, Map.of());
            }
            default:
                throw new UnsupportedOperationException("Method '" + c.method() + "' is not implemented yet");
        }
    }

    static Built node(NodeProblem p, Map<String, DMatrixRMaj> extras) {
        return new Built(p, p.convs(), extras,
                () -> last(p)[1], () -> last(p)[0], p::layerAccuracies, p::predictions);
    }

    private static double[] last(NodeProblem p) {
        List<double[]> a = p.layerAccuracies();
        return a.get(a.size() - 1);
    }

    static int[] argmax(DMatrixRMaj logits) {
        int c = logits.numCols;
        int[] p = new int[logits.numRows];
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int k = 1; k < c; k++) if (logits.data[i * c + k] > logits.data[i * c + best]) best = k;
            p[i] = best;
        }
        return p;
    }
}
