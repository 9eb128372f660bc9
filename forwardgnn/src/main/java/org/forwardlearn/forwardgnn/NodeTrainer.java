package org.forwardlearn.forwardgnn;

import java.util.Objects;
import org.forwardlearn.core.listen.TrainingListener;

/**
 * Node classification in the project's one trainer shape (Tribuo's {@code Trainer.train(data) -> Model}, MLlib's
 * {@code Estimator.fit}): configured once with an immutable {@link GnnConfig}, {@link #fit} takes the data (a
 * {@link GraphInput}: graph, split, ids, feature rule) and returns the trained {@link GnnModel}, which carries its
 * provenance, predicts ({@link GnnModel#predict}) and saves/loads through core's checkpoint format.
 *
 * <pre>{@code
 * GraphInput data = GraphInput.of(graph, split, FeatureNorm.ROW_SUM);
 * GnnModel model = new NodeTrainer(GnnConfig.defaults().withEpochs(200)).fit(data, listener);
 * double acc = model.predict(data).accuracy(data.split().test(), data.graph().labels());
 * }</pre>
 */
public final class NodeTrainer {
    private final GnnConfig config;

    public NodeTrainer(GnnConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        if (config.task() != Task.NODE) {
            throw new IllegalArgumentException("Expected a node-classification config for NodeTrainer (got task " + config.task() + ")");
        }
    }

    public GnnConfig config() { return config; }

    /** Trains on {@code data} (its training nodes; early stopping on its validation nodes), progress to {@code listener}. */
    public GnnModel fit(GraphInput data, TrainingListener listener) {
        return evaluate(data, listener).model();
    }

    /** {@link #fit(GraphInput, TrainingListener)} without progress. */
    public GnnModel fit(GraphInput data) { return fit(data, TrainingListener.NONE); }

    /** {@link #fit} and the run's full report (metrics on the split's nodes, per-layer curves, training result). */
    public GnnResult evaluate(GraphInput data, TrainingListener listener) {
        return new GnnExperiment(config, Objects.requireNonNull(data, "data")).run(listener);
    }
}
