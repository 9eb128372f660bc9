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
import org.forwardlearn.forwardgnn.graph.GraphData;

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
        LinkMethods.Built b = LinkMethods.get(config.method()).builder().build(config, g, split, rng);
        TrainingResult tr = new LayerwiseTrainer(parent.trainerConfig().withSchedule(b.schedule())).fit(b.problem(), listener, 0,
                parent.provenance());
        double testAuc = b.testAuc().getAsDouble(), valAuc = b.valAuc().getAsDouble(), testAp = b.testAp().getAsDouble();
        List<double[]> layers = b.metrics().get();
        double seconds = (System.nanoTime() - t0) * 1e-9;
        GnnModel model = new GnnModel(b.convs(), Map.of(), parent.metadata()).withProvenance(tr.provenance());
        return new GnnResult(config, Double.NaN, Double.NaN, testAuc, valAuc, testAp, layers, seconds, tr, new int[0], model,
                tr.provenance());
    }
}
