package org.forwardlearn.forwardgnn.linkpred;

import java.util.ArrayList;
import java.util.List;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.core.train.Schedule;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.baseline.BackpropLinkPredictor;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.layer.Convs;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.nodeclass.NodeMethods;
import org.forwardlearn.forwardgnn.nodeclass.TopDownStack;
import org.forwardlearn.forwardgnn.registry.Registry;

/** The registry of link-prediction methods (one {@link Method} per {@code --method} name of the link task). */
public final class LinkMethods {
    private LinkMethods() { }

    /**
     * A built link problem; the metric suppliers are valid after training.
     *
     * @param metrics per layer {val AUC, test AUC} of the model made of layers 0..l
     * @param testAuc the final model's test AUC
     * @param valAuc  its validation AUC
     * @param testAp  its test average precision
     */
    public record Built(LayerwiseProblem problem, List<GraphConv> convs, Schedule schedule,
                        java.util.function.Supplier<List<double[]>> metrics, java.util.function.DoubleSupplier testAuc,
                        java.util.function.DoubleSupplier valAuc, java.util.function.DoubleSupplier testAp) { }

    /** Builds a method's problem on a graph and its edge split. */
    @FunctionalInterface
    public interface Builder {
        Built build(GnnConfig c, GraphData g, EdgeSplit split, java.util.Random rng);
    }

    /**
     * One link-prediction method.
     *
     * @param name        the registry key
     * @param builder     builds its problem
     * @param depthPrefix greedy with depth-independent randomness ({@link GnnConfig#depthPrefix()})
     * @param scoring     the edge objective a trained model scores new pairs with ({@code GnnModel.scorePairs}), or null
     *                    when the method's models do not score pairs on new graphs
     */
    public record Method(String name, Builder builder, boolean depthPrefix, EdgeObjective.Kind scoring) {
        public Method {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("Expected a method name (got '" + name + "')");
            java.util.Objects.requireNonNull(builder, "builder");
        }
    }

    private static final Registry<Method> METHODS = new Registry<>("link method");

    static {
        register(forward("fl-ce", EdgeObjective.Kind.CE));
        register(forward("fl-ff", EdgeObjective.Kind.FF));
        register(forward("fl-symba", EdgeObjective.Kind.SYMBA));
        register(new Method("fl-ce-top", LinkMethods::topDown, false, null));
        register(new Method("bp", LinkMethods::backprop, false, null));
    }

    /** Adds a method (an error if its name is taken). */
    public static void register(Method m) { METHODS.register(m.name(), m); }

    public static Method get(String name) { return METHODS.get(name); }

    public static boolean contains(String name) { return METHODS.contains(name); }

    public static List<String> names() { return METHODS.names(); }

    /** The edge objective a model of {@code method} scores pairs with (configured threshold and sharpness). */
    public static EdgeObjective scoring(String method, double theta, double alpha) {
        EdgeObjective.Kind k = contains(method) ? get(method).scoring() : null;
        if (k == null) {
            List<String> ok = new ArrayList<>();
            for (Method m : METHODS.entries()) if (m.scoring() != null) ok.add(m.name());
            throw new IllegalArgumentException("Expected a model trained with link method " + String.join(", ", ok)
                    + " for pair scores (got '" + method + "')");
        }
        return new EdgeObjective(k, theta, alpha);
    }

    private static Method forward(String name, EdgeObjective.Kind kind) {
        return new Method(name, (c, g, split, rng) -> {
            List<GraphConv> convs = NodeMethods.stack(c.conv(), g.features().cols(), c.hidden(), c.layers(), rng);
            ForwardLinkProblem p = new ForwardLinkProblem(convs, g.features(), split, new EdgeObjective(kind, c.theta(), c.alpha()));
            return layered(p, convs, Schedule.GREEDY, p::layerMetrics, p::testAp);
        }, true, kind);
    }

    private static Built topDown(GnnConfig c, GraphData g, EdgeSplit split, java.util.Random rng) {
        List<GraphConv> convs = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            convs.add(Convs.create(c.conv(), TopDownStack.inputSize(l, c.layers(), g.features().cols(), c.hidden(), 0), c.hidden(), rng));
        }
        TopDownLinkProblem p = new TopDownLinkProblem(convs, g.features(), split, new EdgeObjective(EdgeObjective.Kind.CE, c.theta(), c.alpha()));
        return layered(p, convs, Schedule.ALL_LAYERS, p::layerMetrics, p::testAp);
    }

    private static Built layered(LayerwiseProblem p, List<GraphConv> convs, Schedule schedule,
                                 java.util.function.Supplier<List<double[]>> metrics, java.util.function.DoubleSupplier ap) {
        return new Built(p, convs, schedule, metrics, () -> last(metrics.get())[1], () -> last(metrics.get())[0], ap);
    }

    private static double[] last(List<double[]> a) { return a.get(a.size() - 1); }

    private static Built backprop(GnnConfig c, GraphData g, EdgeSplit split, java.util.Random rng) {
        BackpropLinkPredictor bp = new BackpropLinkPredictor(g.features(), split, c.conv(), c.layers(), c.hidden(), rng);
        double[][] test = new double[1][];
        java.util.function.Supplier<double[]> t = () -> { if (test[0] == null) test[0] = bp.test(); return test[0]; };
        return new Built(bp, bp.convs(), Schedule.GREEDY,
                () -> List.of(new double[] {bp.validate(0), t.get()[0]}), () -> t.get()[0], () -> bp.validate(0), () -> t.get()[1]);
    }
}
