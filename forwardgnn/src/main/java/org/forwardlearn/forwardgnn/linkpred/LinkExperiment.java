package org.forwardlearn.forwardgnn.linkpred;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.train.LayerwiseTrainer;
import org.forwardlearn.core.train.TrainingResult;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.GnnExperiment;
import org.forwardlearn.forwardgnn.GnnModel;
import org.forwardlearn.forwardgnn.GnnResult;
import org.forwardlearn.forwardgnn.baseline.BackpropLinkPredictor;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.nodeclass.NodeMethods;

/** Runs a link-prediction configuration (methods fl-ce, fl-ff, fl-symba, fl-ce-top, bp). */
public final class LinkExperiment {
    private final GnnConfig config;
    private final GnnExperiment parent;

    public LinkExperiment(GnnConfig config, GnnExperiment parent) { this.config = config; this.parent = parent; }

    /** The seeded 64/16/20 edge split of split index {@code index}. */
    public static EdgeSplit split(GraphData g, int index, long seed) {
        return EdgeSplit.random(g.topology(), 0.16, 0.20, seed * 1_000_003L + index);
    }

    public GnnResult run(GraphData g, TrainingListener listener) {
        EdgeSplit split = split(g, config.split(), config.seed());
        Random rng = org.forwardlearn.core.random.Seeds.forSplit(config.seed(), config.split());
        long t0 = System.nanoTime();
        TrainingResult tr;
        List<GraphConv> convs;
        double testAuc, valAuc, testAp;
        List<double[]> layers;
        if (config.method().equals("bp")) {
            BackpropLinkPredictor bp = new BackpropLinkPredictor(g.features(), split, config.conv(), config.layers(), config.hidden(), rng);
            tr = new LayerwiseTrainer(parent.trainerConfig()).fit(bp, listener, 0, parent.provenance());
            double[] t = bp.test();
            testAuc = t[0]; testAp = t[1]; valAuc = bp.validate(0);
            layers = List.of(new double[] {valAuc, testAuc});
            convs = bp.convs();
        } else if (config.method().equals("fl-ce-top")) {
            convs = new java.util.ArrayList<>();
            for (int l = 0; l < config.layers(); l++) {
                convs.add(org.forwardlearn.forwardgnn.layer.Convs.create(config.conv(),
                        org.forwardlearn.forwardgnn.nodeclass.TopDownStack.inputSize(l, config.layers(), g.features().cols(),
                                config.hidden(), 0), config.hidden(), rng));
            }
            TopDownLinkProblem p = new TopDownLinkProblem(convs, g.features(), split,
                    new EdgeObjective(EdgeObjective.Kind.CE, config.theta(), config.alpha()));
            tr = new LayerwiseTrainer(parent.trainerConfig().withSchedule(org.forwardlearn.core.train.Schedule.ALL_LAYERS))
                    .fit(p, listener, 0, parent.provenance());
            layers = p.layerMetrics();
            valAuc = layers.get(layers.size() - 1)[0];
            testAuc = layers.get(layers.size() - 1)[1];
            testAp = p.testAp();
        } else {
            EdgeObjective.Kind kind = switch (config.method()) {
                case "fl-ce" -> EdgeObjective.Kind.CE;
                case "fl-ff" -> EdgeObjective.Kind.FF;
                case "fl-symba" -> EdgeObjective.Kind.SYMBA;
                default -> throw new UnsupportedOperationException("Link method '" + config.method() + "' is not implemented");
            };
            convs = NodeMethods.stack(config.conv(), g.features().cols(), config.hidden(), config.layers(), rng);
            ForwardLinkProblem p = new ForwardLinkProblem(convs, g.features(), split,
                    new EdgeObjective(kind, config.theta(), config.alpha()));
            tr = new LayerwiseTrainer(parent.trainerConfig()).fit(p, listener, 0, parent.provenance());
            layers = p.layerMetrics();
            valAuc = layers.get(layers.size() - 1)[0];
            testAuc = layers.get(layers.size() - 1)[1];
            testAp = p.testAp();
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        GnnModel model = new GnnModel(convs, Map.of(), parent.metadata());
        return new GnnResult(config, Double.NaN, Double.NaN, testAuc, valAuc, testAp, layers, seconds, tr, new int[0], model,
                tr.provenance());
    }
}
