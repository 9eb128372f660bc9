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
import org.forwardlearn.forwardgnn.registry.Registry;

/**
 * The registry of node-classification methods (one {@link Method} per {@code --method} name): builds a method's
 * layer-wise problem and reads its results after training.
 */
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

    /**
     * One node-classification method of the registry.
     *
     * @param name        the registry key ({@code --method})
     * @param builder     builds its problem for a configuration, graph and split
     * @param depthPrefix true when it trains greedily and draws its fixed randomness before the layers, so the d-layer
     *                    model is the first d layers of a deeper run ({@link GnnConfig#depthPrefix()})
     * @param predictable true when a trained model predicts on new graphs ({@code GnnModel.predict}: SF's predictor)
     */
    public record Method(String name, Builder builder, boolean depthPrefix, boolean predictable) {
        public Method {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("Expected a method name (got '" + name + "')");
            java.util.Objects.requireNonNull(builder, "builder");
        }
    }

    /** Builds a method's layer-wise problem. */
    @FunctionalInterface
    public interface Builder {
        Built build(GnnConfig c, GraphData g, Split split, Random rng);
    }

    private static final Registry<Method> METHODS = new Registry<>("method");

    static {
        register(new Method("sf", NodeMethods::sf, true, true));
        register(new Method("ff-la", (c, g, s, r) -> labelAppending(c, g, s, r, false), true, false));
        register(new Method("ff-vn", (c, g, s, r) -> virtualWiring(c, g, s, r, false), true, false));
        register(new Method("symba-la", (c, g, s, r) -> labelAppending(c, g, s, r, true), true, false));
        register(new Method("symba-vn", (c, g, s, r) -> virtualWiring(c, g, s, r, true), true, false));
        register(new Method("sf-top-input", (c, g, s, r) -> topDown(c, g, s, r, TopDownSf.Mode.INPUT), false, false));
        register(new Method("sf-top-loss", (c, g, s, r) -> topDown(c, g, s, r, TopDownSf.Mode.LOSS), false, false));
        register(new Method("bp", NodeMethods::backprop, false, false));
        // Label-propagated SF (issue 20; Propagated): lpf (Label-Propagated Forward) = SF + Correct-and-Smooth of the
        // summed per-layer prediction, the combination the ablation kept; lpf-rp adds the propagated residual soft
        // targets (weight 0.3) to each layer's objective, lpf-lt the label trick with masking; sf-rp (weight 1) and
        // sf-lt are those signals without C&S.
        register(propagated("lpf", new Propagated(0, true, false)));
        register(propagated("lpf-rp", new Propagated(0.3, true, false)));
        register(propagated("lpf-lt", new Propagated(0, true, true)));
        register(propagated("sf-rp", new Propagated(1.0, false, false)));
        register(propagated("sf-lt", new Propagated(0, false, true)));
    }

    /** Adds a method (an error if its name is taken). */
    public static void register(Method m) { METHODS.register(m.name(), m); }

    /** The method called {@code name}; an error listing the registered names otherwise. */
    public static Method get(String name) { return METHODS.get(name); }

    public static boolean contains(String name) { return METHODS.contains(name); }

    /** True when {@code method} is a registered node method whose models predict on new graphs. */
    public static boolean predictable(String method) { return contains(method) && get(method).predictable(); }

    /** The registered names in registration order. */
    public static List<String> names() { return METHODS.names(); }

    /** Builds the configured method's problem. */
    public static Built build(GnnConfig c, GraphData g, Split split, Random rng) {
        return get(c.method()).builder().build(c, g, split, rng);
    }

    private static Built backprop(GnnConfig c, GraphData g, Split split, Random rng) {
        BackpropNodeClassifier bp = new BackpropNodeClassifier(g, split, c.conv(), c.layers(), c.hidden(), rng);
        return new Built(bp, bp.convs(), Map.of(),
                () -> bp.accuracy(bp.logits(), split.test()), () -> bp.accuracy(bp.logits(), split.val()),
                () -> List.of(new double[] {bp.accuracy(bp.logits(), split.val()), bp.accuracy(bp.logits(), split.test())}),
                () -> argmax(bp.logits()));
    }

    private static Built sf(GnnConfig c, GraphData g, Split split, Random rng) {
        Random fixed = fixedStream(rng);
        List<GraphConv> convs = stack(c.conv(), g.features().cols(), c.hidden(), c.layers(), rng);
        SingleForward sf = SingleForward.create(convs, g, split, c.bidirectional(), c.tau(), fixed);
        return node(sf, sf.extras());
    }

    private static Method propagated(String name, Propagated prop) {
        return new Method(name, (c, g, split, rng) -> {
            Random fixed = fixedStream(rng);
            int in = g.features().cols() + (prop.labelInput() ? g.numClasses() : 0);
            List<GraphConv> convs = stack(c.conv(), in, c.hidden(), c.layers(), rng);
            return node(SingleForward.createPropagated(convs, g, split, c.bidirectional(), c.tau(), fixed, prop), Map.of());
        }, true, false);
    }

    private static Built labelAppending(GnnConfig c, GraphData g, Split split, Random rng, boolean symba) {
        Random fixed = fixedStream(rng);
        List<GraphConv> convs = stack(c.conv(), LabelAppending.inputSize(g), c.hidden(), c.layers(), rng);
        return goodness(LabelAppending.create(convs, g, split, objective(c, symba), fixed), Map.of());
    }

    private static Built virtualWiring(GnnConfig c, GraphData g, Split split, Random rng, boolean symba) {
        Random fixed = fixedStream(rng);
        List<GraphConv> convs = stack(c.conv(), g.features().cols(), c.hidden(), c.layers(), rng);
        VirtualNodeWiring.Built b = VirtualNodeWiring.create(convs, g, split, c.bidirectional(), objective(c, symba), fixed);
        return goodness(b.problem(), Map.of("virtual_features", b.virtualFeatures()));
    }

    private static Built topDown(GnnConfig c, GraphData g, Split split, Random rng, TopDownSf.Mode mode) {
        List<GraphConv> convs = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            convs.add(Convs.create(c.conv(), TopDownSf.inputSize(mode, l, c.layers(), g.features().cols(), c.hidden(),
                    g.numClasses()), c.hidden(), rng));
        }
        TopDownSf p = TopDownSf.create(mode, convs, g, split, c.bidirectional(), c.tau(), rng);
        return new Built(p, p.convs(), Map.of(), () -> last(p.layerAccuracies())[1], () -> last(p.layerAccuracies())[0],
                p::layerAccuracies, p::predictions, Schedule.ALL_LAYERS);
    }

    /** Hinton's FF loss (ff-*) or SymBa (symba-*) on sum-of-squares goodness, theta and alpha from the config. */
    static ContrastiveObjective objective(GnnConfig c, boolean symba) {
        return symba ? new SymBaLoss(SquaredGoodness.sum(), c.alpha())
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
