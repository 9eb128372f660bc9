package org.forwardlearn.forwardgnn;

import java.util.Objects;
import org.forwardlearn.core.listen.TrainingListener;

/**
 * Link prediction in the one trainer shape: configured once ({@link GnnConfig} with task link), {@link #fit} takes the
 * graph and returns a {@link LinkResult} (the model, test/validation ROC-AUC, test AP, per-layer curves). The edges
 * are split by the config's split index and seed (ForwardGNN's 64/16/20 edge split); the node split of the
 * {@link GraphInput} is not used.
 *
 * <pre>{@code
 * LinkResult r = new LinkTrainer(GnnConfig.defaults().withTask("link")).fit(data, listener);
 * r.testAuc(); r.model().scorePairs(data, pairs);
 * }</pre>
 */
public final class LinkTrainer {
    private final GnnConfig config;

    public LinkTrainer(GnnConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        if (config.task() != Task.LINK) {
            throw new IllegalArgumentException("Expected a link-prediction config for LinkTrainer (got task " + config.task() + ")");
        }
    }

    public GnnConfig config() { return config; }

    public LinkResult fit(GraphInput data, TrainingListener listener) {
        GnnResult r = new GnnExperiment(config, Objects.requireNonNull(data, "data")).run(listener);
        return new LinkResult(r.model(), r.testAuc(), r.valAuc(), r.testAp(), r.layerMetrics(), r.training());
    }

    public LinkResult fit(GraphInput data) { return fit(data, TrainingListener.NONE); }
}
