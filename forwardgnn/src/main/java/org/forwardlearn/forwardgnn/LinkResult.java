package org.forwardlearn.forwardgnn;

import java.util.List;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.core.train.TrainingResult;

/**
 * A trained link-prediction model and its metrics on the held-out edges (no node-task slots).
 *
 * @param model    the trained model ({@link GnnModel#scorePairs}, save/load)
 * @param testAuc  test ROC-AUC (0..1)
 * @param valAuc   validation ROC-AUC
 * @param testAp   test average precision
 * @param perLayer per finished layer {val AUC, test AUC} of the model made of layers 0..l
 * @param training per-layer reports of core's trainer
 */
public record LinkResult(GnnModel model, double testAuc, double valAuc, double testAp, List<double[]> perLayer,
                         TrainingResult training) {
    public LinkResult {
        perLayer = List.copyOf(perLayer);
    }

    public RunProvenance provenance() { return model.provenance(); }
}
