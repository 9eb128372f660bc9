package org.forwardlearn.forwardgnn.nodeclass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.objective.ContrastiveObjective;
import org.forwardlearn.core.objective.ForwardForwardLoss;
import org.forwardlearn.core.objective.SquaredGoodness;
import org.forwardlearn.core.objective.SymBaLoss;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.core.train.Schedule;
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
                        Supplier<Double> test, Supplier<Double> val, Supplier<List<double[]>> layers, Supplier<int[]> preds,
                        Schedule schedule) {
        /** A greedy (layer by layer) problem. */
        public Built(LayerwiseProblem problem, List<GraphConv> convs, Map<String, DMatrixRMaj> extras,
                     Supplier<Double> test, Supplier<Double> val, Supplier<List<double[]>> layers, Supplier<int[]> preds) {
            this(problem, convs, extras, test, val, layers, preds, Schedule.GREEDY);
        }

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

    /**
     * The stream for a greedy method's fixed draws (virtual-node features, wrong labels), taken from {@code rng} before
     * the layers are drawn. Layer l's initial weights then depend on l only, not on the depth, so for the greedy methods
     * the first d layers of a deeper run are exactly the d-layer model ({@link GnnConfig#depthPrefix()}).
     */
    public static Random fixedStream(Random rng) {
        return new Random(rng.nextLong());
    }

    public static Built build(GnnConfig c, GraphData g, Split split, Random rng) {
        switch (c.method()) {
            case "bp":
            case "bp-dropout": {
                double dropout = c.method().equals("bp-dropout") ? 0.5 : 0;
                BackpropNodeClassifier bp = new BackpropNodeClassifier(g, split, c.conv(), c.layers(), c.hidden(), dropout, rng);
                return new Built(bp, bp.convs(), Map.of(),
                        () -> bp.accuracy(bp.logits(), split.test()), () -> bp.accuracy(bp.logits(), split.val()),
                        () -> List.of(new double[] {bp.accuracy(bp.logits(), split.val()), bp.accuracy(bp.logits(), split.test())}),
                        () -> argmax(bp.logits()));
            }
            case "sf": {
                Random fixed = fixedStream(rng);
                List<GraphConv> convs = stack(c.conv(), g.features().cols(), c.hidden(), c.layers(), rng);
                SingleForward sf = SingleForward.create(convs, g, split, c.bidirectional(), c.tau(), fixed);
                return node(sf, sf.extras());
            }
            case "lpf":
            case "lpf-rp":
            case "lpf-lt":
            case "sf-rp":
            case "sf-lt":
            case "lpf-fp":
            case "lpf-do": {
                Propagated prop = propagation(c.method());
                if (c.method().equals("lpf-fp")) g = FeaturePropagation.augment(g, LPF_FP_HOPS);
                Random fixed = fixedStream(rng);
                int in = g.features().cols() + (prop.labelInput() ? g.numClasses() : 0);
                List<GraphConv> convs = stack(c.conv(), in, c.hidden(), c.layers(), rng);
                return node(SingleForward.createPropagated(convs, g, split, c.bidirectional(), c.tau(), fixed, prop), Map.of());
            }
            case "ff-la":
            case "symba-la": {
                Random fixed = fixedStream(rng);
                List<GraphConv> convs = stack(c.conv(), LabelAppending.inputSize(g), c.hidden(), c.layers(), rng);
                return goodness(LabelAppending.create(convs, g, split, objective(c), fixed), Map.of());
            }
            case "ff-vn":
            case "symba-vn": {
                Random fixed = fixedStream(rng);
                List<GraphConv> convs = stack(c.conv(), g.features().cols(), c.hidden(), c.layers(), rng);
                VirtualNodeWiring.Built b = VirtualNodeWiring.create(convs, g, split, c.bidirectional(), objective(c), fixed);
                return goodness(b.problem(), Map.of("virtual_features", b.virtualFeatures()));
            }
            case "sf-top-input":
            case "sf-top-loss": {
                TopDownSf.Mode mode = c.method().equals("sf-top-input") ? TopDownSf.Mode.INPUT : TopDownSf.Mode.LOSS;
                List<GraphConv> convs = new ArrayList<>();
                for (int l = 0; l < c.layers(); l++) {
                    convs.add(Convs.create(c.conv(), TopDownSf.inputSize(mode, l, c.layers(), g.features().cols(), c.hidden(),
                            g.numClasses()), c.hidden(), rng));
                }
                TopDownSf p = TopDownSf.create(mode, convs, g, split, c.bidirectional(), c.tau(), rng);
                return new Built(p, p.convs(), Map.of(), () -> last(p.layerAccuracies())[1], () -> last(p.layerAccuracies())[0],
                        p::layerAccuracies, p::predictions, Schedule.ALL_LAYERS);
            }
            default:
                throw new UnsupportedOperationException("Method '" + c.method() + "' is not implemented yet");
        }
    }

    /**
     * The label-propagation signals of LPF and its ablation (issue 20; {@link Propagated}): lpf (Label-Propagated
     * Forward) = SF + Correct-and-Smooth of the summed per-layer prediction, the combination the ablation kept;
     * lpf-rp adds the propagated residual soft targets (weight 0.3) to each layer's objective, lpf-lt the label trick
     * with masking; sf-rp (weight 1) and sf-lt are those signals without C&amp;S.
     */
    /** Hops K of lpf-fp's propagated input [X | SX | ... | S^K X] ({@link FeaturePropagation}). */
    static final int LPF_FP_HOPS = 2;

    public static Propagated propagation(String method) {
        return switch (method) {
            case "lpf" -> new Propagated(0, true, false);
            case "lpf-rp" -> new Propagated(0.3, true, false);
            case "lpf-lt" -> new Propagated(0, true, true);
            case "lpf-fp" -> new Propagated(0, true, false);
            case "lpf-do" -> new Propagated(0, true, false, 0.5);
            case "sf-rp" -> new Propagated(1.0, false, false);
            case "sf-lt" -> new Propagated(0, false, true);
            default -> throw new IllegalArgumentException("Expected a label-propagated SF method (got '" + method + "')");
        };
    }

    /** Hinton's FF loss (ff-*) or SymBa (symba-*) on sum-of-squares goodness, theta and alpha from the config. */
    static ContrastiveObjective objective(GnnConfig c) {
        return c.method().startsWith("symba") ? new SymBaLoss(SquaredGoodness.sum(), c.alpha())
                : new ForwardForwardLoss(SquaredGoodness.sum(), c.theta());
    }

    static Built goodness(GoodnessNodeProblem p, Map<String, DMatrixRMaj> extras) {
        return new Built(p, p.convs(), extras, () -> last(p.layerAccuracies())[1], () -> last(p.layerAccuracies())[0],
                p::layerAccuracies, p::predictions);
    }

    private static double[] last(List<double[]> a) { return a.get(a.size() - 1); }

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
