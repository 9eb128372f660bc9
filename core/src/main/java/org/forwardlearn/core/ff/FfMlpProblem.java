package org.forwardlearn.core.ff;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.TrainableLayer;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.objective.ContrastiveObjective;
import org.forwardlearn.core.train.LayerwiseProblem;

/**
 * The forward-forward MLP as a {@link LayerwiseProblem}. Each batch holds positives (true label embedded)
 * and negatives (the same samples with a uniformly drawn wrong label, redrawn every epoch). Layer l's
 * input is the row-normalised output of layer l-1 for the same batch: taken from the pass just made when
 * all layers train together, recomputed through the frozen lower layers otherwise. Either way it is a
 * constant: no gradient ever reaches layer l-1.
 */
final class FfMlpProblem implements LayerwiseProblem {
    private final FfMlpConfig cfg;
    private final DMatrixRMaj x;
    private final int[] y;
    private final DMatrixRMaj xVal;
    private final int[] yVal;
    private final LabelEmbedding embedding;
    private final ContrastiveObjective objective;
    private final List<TrainableLayer> layers = new ArrayList<>();
    private final long seed;
    private int[] order;
    private int[] negLabels;
    private int preparedEpoch = -1;
    // Per-layer caches of the current batch: inputs (normalised) and outputs for positives and negatives.
    private final DMatrixRMaj[] inPos, inNeg, outPos, outNeg;
    private final int[] cachedBatch;
    private final DMatrixRMaj dPos = new DMatrixRMaj(1, 1), dNeg = new DMatrixRMaj(1, 1);

    FfMlpProblem(FfMlpConfig cfg, DMatrixRMaj x, int[] y, int numClasses, DMatrixRMaj xVal, int[] yVal,
                 ContrastiveObjective objective) {
        this(cfg, x, y, numClasses, xVal, yVal, objective, LayerFactory.DENSE);
    }

    FfMlpProblem(FfMlpConfig cfg, DMatrixRMaj x, int[] y, int numClasses, DMatrixRMaj xVal, int[] yVal,
                 ContrastiveObjective objective, LayerFactory factory) {
        this.cfg = cfg;
        this.x = x;
        this.y = y;
        this.xVal = xVal;
        this.yVal = yVal;
        this.embedding = LabelEmbedding.forData(x, numClasses);
        this.objective = objective;
        this.seed = cfg.seed();
        Random init = new Random(seed);
        int in = x.numCols;
        for (int h : cfg.hidden()) {
            TrainableLayer l = factory.create(layers.size(), in, h, cfg, init);
            if (l == null || l.inputSize() != in || l.outputSize() != h) {
                throw new IllegalArgumentException("Expected layer " + layers.size() + " mapping " + in + " to " + h + " columns (got "
                        + (l == null ? "null" : l.inputSize() + " to " + l.outputSize()) + ")");
            }
            layers.add(l);
            in = h;
        }
        int n = layers.size();
        inPos = new DMatrixRMaj[n]; inNeg = new DMatrixRMaj[n]; outPos = new DMatrixRMaj[n]; outNeg = new DMatrixRMaj[n];
        cachedBatch = new int[n];
        for (int l = 0; l < n; l++) {
            inPos[l] = new DMatrixRMaj(1, 1); inNeg[l] = new DMatrixRMaj(1, 1);
            outPos[l] = new DMatrixRMaj(1, 1); outNeg[l] = new DMatrixRMaj(1, 1);
            cachedBatch[l] = -1;
        }
    }

    List<TrainableLayer> layers() { return layers; }

    LabelEmbedding embedding() { return embedding; }

    @Override public int numLayers() { return layers.size(); }

    @Override public List<Parameter> parameters(int layer) { return layers.get(layer).parameters(); }

    private int batchSize() { return cfg.batchSize() == 0 ? x.numRows : Math.min(cfg.batchSize(), x.numRows); }

    @Override public int batches(int layer, int epoch) { return (x.numRows + batchSize() - 1) / batchSize(); }

    /** Shuffles and draws the wrong labels for an epoch, from (seed, epoch) so any epoch can be replayed. */
    private void prepare(int epoch) {
        if (preparedEpoch == epoch) return;
        Random r = org.forwardlearn.core.random.Seeds.forEpoch(seed, epoch);
        int n = x.numRows;
        order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = order[i]; order[i] = order[j]; order[j] = t; }
        negLabels = new int[n];
        int c = embedding.numClasses();
        for (int i = 0; i < n; i++) {
            int w = r.nextInt(c - 1);
            negLabels[i] = w >= y[i] ? w + 1 : w; // uniform over the other classes, never the true one
        }
        preparedEpoch = epoch;
        java.util.Arrays.fill(cachedBatch, -1);
    }

    /** A unique id of (epoch, batch) for the caches. */
    private int key(int epoch, int batch) { return epoch * 1_000_000 + batch; }

    @Override
    public double lossAndGradient(int layer, int epoch, int batch) {
        prepare(epoch);
        ensureInput(layer, epoch, batch);
        TrainableLayer l = layers.get(layer);
        l.forward(inPos[layer], outPos[layer]);
        l.forward(inNeg[layer], outNeg[layer]);
        double loss = objective.evaluate(outPos[layer], outNeg[layer], dPos, dNeg);
        l.localGradient(inPos[layer], outPos[layer], dPos);
        l.localGradient(inNeg[layer], outNeg[layer], dNeg);
        cachedBatch[layer] = key(epoch, batch);
        return loss;
    }

    /** Fills inPos/inNeg[layer] for this batch: from the layer below's cache if it is this batch, else recomputed. */
    private void ensureInput(int layer, int epoch, int batch) {
        if (layer == 0) {
            int bs = batchSize();
            int from = batch * bs, len = Math.min(bs, x.numRows - from);
            int[] rows = new int[len], pl = new int[len], nl = new int[len];
            for (int i = 0; i < len; i++) { rows[i] = order[from + i]; pl[i] = y[rows[i]]; nl[i] = negLabels[rows[i]]; }
            embedding.embed(x, rows, pl, inPos[0]);
            embedding.embed(x, rows, nl, inNeg[0]);
            FfMlpModel.normalize(inPos[0], inPos[0]);
            FfMlpModel.normalize(inNeg[0], inNeg[0]);
            return;
        }
        if (cachedBatch[layer - 1] != key(epoch, batch)) {
            ensureInput(layer - 1, epoch, batch);
            layers.get(layer - 1).forward(inPos[layer - 1], outPos[layer - 1]);
            layers.get(layer - 1).forward(inNeg[layer - 1], outNeg[layer - 1]);
            cachedBatch[layer - 1] = key(epoch, batch);
        }
        inPos[layer].reshape(outPos[layer - 1].numRows, outPos[layer - 1].numCols);
        inNeg[layer].reshape(outNeg[layer - 1].numRows, outNeg[layer - 1].numCols);
        FfMlpModel.normalize(outPos[layer - 1], inPos[layer]);
        FfMlpModel.normalize(outNeg[layer - 1], inNeg[layer]);
    }

    /** A finished layer's weights are final now: outputs cached before its last step must not feed the next layer. */
    @Override
    public void layerFinished(int layer) {
        java.util.Arrays.fill(cachedBatch, -1);
    }

    @Override
    public double validate(int layer) {
        if (xVal == null || xVal.numRows == 0) return Double.NaN;
        return new FfMlpModel(layers.subList(0, layer + 1), embedding, objective.goodness(), cfg.skipFirstLayer(), null)
                .accuracy(xVal, yVal);
    }
}
