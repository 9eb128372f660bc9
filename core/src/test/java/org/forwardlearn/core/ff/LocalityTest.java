package org.forwardlearn.core.ff;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.TestUtil;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.optim.OptimizerConfig;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.core.train.LayerwiseTrainer;
import org.forwardlearn.core.train.Schedule;
import org.forwardlearn.core.train.TrainerConfig;
import org.junit.jupiter.api.Test;

/**
 * Locality of the forward-forward MLP: training layer 2 leaves layer 1 untouched (values and gradient), and
 * layer 2's gradient is a function of layer 2's input alone.
 */
class LocalityTest {
    static final Clusters DATA = new Clusters(120, 4, 16, 0.7, 5);

    static FfMlpConfig cfg() {
        return FfMlpConfig.defaults().withHidden(12, 10).withEpochs(4).withBatchSize(40).withSchedule(Schedule.GREEDY)
                .withValidation(1, 0).withSeed(9);
    }

    static FfMlpProblem problem(FfMlpConfig c) {
        return new FfMlpProblem(c, DATA.x, DATA.y, 4, null, null, FfMlpTrainer.objective(c));
    }

    static DMatrixRMaj[] values(DenseLayer l) {
        return new DMatrixRMaj[] {l.weight().copy(), l.bias().copy(), l.parameters().get(0).grad().copy(), l.parameters().get(1).grad().copy()};
    }

    static boolean same(DMatrixRMaj[] a, DMatrixRMaj[] b) {
        for (int i = 0; i < a.length; i++) if (!TestUtil.bitEqual(a[i], b[i])) return false;
        return true;
    }

    @Test
    void trainingLayerTwoDoesNotTouchLayerOne() {
        FfMlpProblem p = problem(cfg());
        DMatrixRMaj[][] atStart = new DMatrixRMaj[1][];
        int[] checkedCalls = {0};
        // a wrapper that checks, around every step of layer 2, that layer 1's values and gradients stay as they were
        LayerwiseProblem checked = new LayerwiseProblem() {
            @Override public int numLayers() { return p.numLayers(); }
            @Override public List<Parameter> parameters(int l) { return p.parameters(l); }
            @Override public int batches(int l, int e) { return p.batches(l, e); }
            @Override public double validate(int l) { return p.validate(l); }
            @Override public void layerFinished(int l) { p.layerFinished(l); }
            @Override public double lossAndGradient(int l, int e, int b) {
                if (l == 1) {
                    if (atStart[0] == null) atStart[0] = values(((DenseLayer) p.layers().get(0)));
                    double loss = p.lossAndGradient(l, e, b);
                    assertTrue(same(atStart[0], values(((DenseLayer) p.layers().get(0)))), "layer 1 changed while layer 2 trained (epoch " + e + ")");
                    checkedCalls[0]++;
                    return loss;
                }
                return p.lossAndGradient(l, e, b);
            }
        };
        DMatrixRMaj w2Before = ((DenseLayer) p.layers().get(1)).weight().copy();
        TrainerConfig tc = new TrainerConfig(4, 1, 0, false, Schedule.GREEDY, OptimizerConfig.adam(1e-2, 0), 9);
        new LayerwiseTrainer(tc).fit(checked, TrainingListener.NONE);
        assertTrue(checkedCalls[0] == 4 * 3, "layer 2 was stepped " + checkedCalls[0] + " times");
        assertTrue(same(atStart[0], values(((DenseLayer) p.layers().get(0)))));
        assertFalse(TestUtil.bitEqual(w2Before, ((DenseLayer) p.layers().get(1)).weight()), "layer 2 did train");
    }

    /** Layer 2's gradient on one batch, after setting layer 1's parameters. */
    static DMatrixRMaj[] layerTwoGradient(DMatrixRMaj w1, DMatrixRMaj b1) {
        FfMlpProblem p = problem(cfg());
        ((DenseLayer) p.layers().get(0)).weight().setTo(w1);
        ((DenseLayer) p.layers().get(0)).bias().setTo(b1);
        for (Parameter q : p.parameters(1)) q.zeroGrad();
        p.lossAndGradient(1, 0, 0);
        return new DMatrixRMaj[] {p.parameters(1).get(0).grad().copy(), p.parameters(1).get(1).grad().copy()};
    }

    @Test
    void layerTwoGradientDependsOnlyOnLayerTwoInput() {
        FfMlpProblem p = problem(cfg());
        DMatrixRMaj w1 = ((DenseLayer) p.layers().get(0)).weight().copy(), b1 = ((DenseLayer) p.layers().get(0)).bias().copy();
        DMatrixRMaj[] g = layerTwoGradient(w1, b1);
        // doubling layer 1's weights and bias doubles its ReLU output exactly; the RMS normalisation between the
        // layers removes the factor exactly, so layer 2 sees bit-identical input while layer 1 is different
        DMatrixRMaj w1x2 = w1.copy(), b1x2 = b1.copy();
        for (int i = 0; i < w1x2.data.length; i++) w1x2.data[i] *= 2;
        for (int i = 0; i < b1x2.data.length; i++) b1x2.data[i] *= 2;
        DMatrixRMaj[] g2 = layerTwoGradient(w1x2, b1x2);
        assertTrue(TestUtil.bitEqual(g[0], g2[0]) && TestUtil.bitEqual(g[1], g2[1]),
                "layer 2's gradient must depend on nothing of layer 1 but the input it hands on");
        // control: a layer 1 that produces a different input gives a different gradient (the test can fail)
        DMatrixRMaj w1p = w1.copy();
        Random r = new Random(1);
        for (int i = 0; i < w1p.data.length; i++) w1p.data[i] += 0.05 * r.nextGaussian();
        DMatrixRMaj[] g3 = layerTwoGradient(w1p, b1);
        assertFalse(TestUtil.bitEqual(g[0], g3[0]));
    }
}
