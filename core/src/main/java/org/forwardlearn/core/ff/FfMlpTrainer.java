package org.forwardlearn.core.ff;

import org.forwardlearn.core.data.Samples;
import org.forwardlearn.core.data.TrainingData;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.model.Trainer;
import org.forwardlearn.core.objective.ContrastiveObjective;
import org.forwardlearn.core.objective.ForwardForwardLoss;
import org.forwardlearn.core.objective.Goodness;
import org.forwardlearn.core.objective.SquaredGoodness;
import org.forwardlearn.core.objective.SymBaLoss;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.core.train.LayerwiseTrainer;
import org.forwardlearn.core.train.TrainerConfig;
import org.forwardlearn.core.train.TrainingResult;

/**
 * Trains Hinton's forward-forward MLP (2022): label written into the first features, each layer trained by its
 * own goodness objective on positive vs negative data, inference by trying every label.
 * <pre>{@code
 * FfMlpModel model = new FfMlpTrainer(FfMlpConfig.defaults())
 *         .fit(TrainingData.of(new Samples(xTrain, yTrain, 10)).withValidation(new Samples(xVal, yVal, 10)), listener);
 * double acc = model.accuracy(xTest, yTest);
 * }</pre>
 * Without validation data every epoch runs and the last weights are kept; with them the trainer stops early
 * ({@link FfMlpConfig#patience()} epochs) and keeps the best validated weights. {@link #withLayers} plugs in a
 * user's own {@link org.forwardlearn.core.layer.TrainableLayer}s.
 */
public final class FfMlpTrainer implements Trainer<TrainingData, FfMlpModel> {
    private final FfMlpConfig config;
    private final LayerFactory layers;

    public FfMlpTrainer(FfMlpConfig config) { this(config, LayerFactory.DENSE); }

    private FfMlpTrainer(FfMlpConfig config, LayerFactory layers) {
        if (config == null || layers == null) throw new IllegalArgumentException("Expected a configuration and a layer factory (got null)");
        this.config = config;
        this.layers = layers;
    }

    public FfMlpConfig config() { return config; }

    /** The same trainer building its layers with {@code factory} (default {@link LayerFactory#DENSE}). */
    public FfMlpTrainer withLayers(LayerFactory factory) { return new FfMlpTrainer(config, factory); }

    /** The local objective a configuration names. */
    public static ContrastiveObjective objective(FfMlpConfig cfg) {
        Goodness g = cfg.meanGoodness() ? SquaredGoodness.mean() : SquaredGoodness.sum();
        return cfg.loss().equals("ff") ? new ForwardForwardLoss(g, cfg.threshold()) : new SymBaLoss(g, cfg.alpha());
    }

    @Override
    public FfMlpModel fit(TrainingData data, TrainingListener listener) {
        Samples train = data.train();
        if (train.size() == 0) throw new IllegalArgumentException("Expected at least one training sample (got none)");
        if (train.features() < train.classes()) {
            throw new IllegalArgumentException("Expected at least " + train.classes() + " features to embed the label (got " + train.features() + ")");
        }
        ContrastiveObjective objective = objective(config);
        Standardizer std = config.standardize() ? Standardizer.fit(train.x()) : Standardizer.IDENTITY;
        Samples val = data.validation().filter(v -> v.size() > 0).orElse(null);
        FfMlpProblem problem = new FfMlpProblem(config, std.apply(train.x()), train.y(), train.classes(),
                val == null ? null : std.apply(val.x()), val == null ? null : val.y(), objective, layers);
        boolean validate = val != null;
        TrainerConfig tc = new TrainerConfig(config.epochs(), validate ? config.validateEvery() : config.epochs(),
                validate ? config.patience() : 0, validate, config.schedule(), config.optimizer(), config.seed());
        java.util.Map<String, String> described = new java.util.LinkedHashMap<>(config.toMap());
        if (layers != LayerFactory.DENSE) described.put("layers", "custom");
        described.putAll(data.describe());
        RunProvenance prov = RunProvenance.start("ff-mlp", described, config.seed(), data.datasetId(), data.datasetSha256(),
                Kernels.describe());
        TrainingResult result = new LayerwiseTrainer(tc).fit(problem, listener, 0, prov);
        return new FfMlpModel(problem.layers(), problem.embedding(), objective.goodness(), config.skipFirstLayer(), std, result);
    }
}
