package org.forwardlearn.core.ff;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.core.listen.TrainingListener;
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
 * Hinton's forward-forward MLP (2022): label written into the first features, each layer trained by its
 * own goodness objective on positive vs negative data, inference by trying every label.
 * <pre>{@code
 * FfMlpModel model = FfMlp.fit(FfMlpConfig.defaults(), xTrain, yTrain, 10, xVal, yVal, TrainingListener.NONE);
 * double acc = model.accuracy(xTest, yTest);
 * }</pre>
 */
public final class FfMlp {
    private FfMlp() {}

    /** The local objective the configuration names. */
    public static ContrastiveObjective objective(FfMlpConfig cfg) {
        Goodness g = cfg.meanGoodness() ? SquaredGoodness.mean() : SquaredGoodness.sum();
        return cfg.loss().equals("ff") ? new ForwardForwardLoss(g, cfg.threshold()) : new SymBaLoss(g, cfg.alpha());
    }

    /**
     * Trains a forward-forward MLP. Rows of x are samples; labels in [0, numClasses). xVal may be null
     * (then no early stopping: all epochs run and the last weights are kept).
     */
    public static FfMlpModel fit(FfMlpConfig cfg, DMatrixRMaj x, int[] y, int numClasses, DMatrixRMaj xVal, int[] yVal,
                                 TrainingListener listener) {
        return fit(cfg, x, y, numClasses, xVal, yVal, listener, null);
    }

    /** As {@link #fit(FfMlpConfig, DMatrixRMaj, int[], int, DMatrixRMaj, int[], TrainingListener)}, recording the given dataset id. */
    public static FfMlpModel fit(FfMlpConfig cfg, DMatrixRMaj x, int[] y, int numClasses, DMatrixRMaj xVal, int[] yVal,
                                 TrainingListener listener, String datasetId) {
        check(x, y, numClasses, "training");
        if (xVal != null) check(xVal, yVal, numClasses, "validation");
        if (xVal != null && xVal.numCols != x.numCols) {
            throw new IllegalArgumentException("Expected validation data with " + x.numCols + " features (got " + xVal.numCols + ")");
        }
        ContrastiveObjective objective = objective(cfg);
        Standardizer std = cfg.standardize() ? Standardizer.fit(x) : Standardizer.IDENTITY;
        x = std.apply(x);
        if (xVal != null) xVal = std.apply(xVal);
        FfMlpProblem problem = new FfMlpProblem(cfg, x, y, numClasses, xVal, yVal, objective);
        boolean validate = xVal != null && xVal.numRows > 0;
        TrainerConfig tc = new TrainerConfig(cfg.epochs(), validate ? cfg.validateEvery() : cfg.epochs(),
                validate ? cfg.patience() : 0, validate, cfg.schedule(), cfg.optimizer(), cfg.seed());
        RunProvenance prov = RunProvenance.start("ff-mlp", cfg.toMap(), cfg.seed(), datasetId == null ? "" : datasetId, "",
                Kernels.describe());
        TrainingResult result = new LayerwiseTrainer(tc).fit(problem, listener, 0, prov);
        return new FfMlpModel(problem.layers(), problem.embedding(), objective.goodness(), cfg.skipFirstLayer(), std, result);
    }

    static void check(DMatrixRMaj x, int[] y, int numClasses, String what) {
        if (y == null || y.length != x.numRows) {
            throw new IllegalArgumentException("Expected one " + what + " label per row (got " + (y == null ? "none" : y.length)
                    + " labels for " + x.numRows + " rows)");
        }
        if (x.numCols < numClasses) {
            throw new IllegalArgumentException("Expected at least " + numClasses + " features to embed the label (got " + x.numCols + ")");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || y[i] >= numClasses) {
                throw new IllegalArgumentException("Expected " + what + " labels in [0," + numClasses + ") (got " + y[i] + " at row " + i + ")");
            }
        }
    }
}
