package org.forwardlearn.core.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.TestUtil;
import org.forwardlearn.core.ff.FfMlpConfig;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.optim.OptimizerConfig;
import org.junit.jupiter.api.Test;

/** The backprop baseline's whole-network gradient, read off one SGD step, against finite differences. */
class BackpropMlpTest {
    static double crossEntropy(List<DenseLayer> layers, DMatrixRMaj x, int[] y) {
        DMatrixRMaj h = x;
        for (DenseLayer l : layers) h = l.forward(h, null);
        double loss = 0;
        for (int i = 0; i < h.numRows; i++) {
            double max = Double.NEGATIVE_INFINITY, z = 0;
            for (int k = 0; k < h.numCols; k++) max = Math.max(max, h.get(i, k));
            for (int k = 0; k < h.numCols; k++) z += Math.exp(h.get(i, k) - max);
            loss += (max + Math.log(z) - h.get(i, y[i])) / h.numRows;
        }
        return loss;
    }

    @Test
    void oneSgdStepMovesAlongTheTrueGradient() {
        Random data = new Random(4);
        DMatrixRMaj x = TestUtil.gaussian(8, 6, 1.0, data);
        int[] y = {0, 1, 2, 0, 1, 2, 2, 1};
        double lr = 1e-3;
        FfMlpConfig cfg = FfMlpConfig.defaults().withHidden(5, 4).withActivation(Activation.RELU).withEpochs(1).withBatchSize(0)
                .withOptimizer(OptimizerConfig.sgd(lr, 0, 0)).withValidation(1, 0).withStandardize(false).withSeed(17);
        // the initial network, built as BackpropMlp builds it (same seed, same order)
        Random rng = new Random(17);
        List<DenseLayer> init = new ArrayList<>();
        init.add(new DenseLayer(6, 5, Activation.RELU, Init.TORCH_DEFAULT, rng));
        init.add(new DenseLayer(5, 4, Activation.RELU, Init.TORCH_DEFAULT, rng));
        init.add(new DenseLayer(4, 3, Activation.IDENTITY, Init.TORCH_DEFAULT, rng));
        BackpropMlp m = BackpropMlp.fit(cfg, x, y, 3, null, null, null);
        List<DenseLayer> after = m.layers();
        assertEquals(3, after.size());
        for (int l = 2; l >= 0; l--) {
            DenseLayer before = init.get(l);
            for (int p = 0; p < 2; p++) {
                DMatrixRMaj b = before.parameters().get(p).value(), a = after.get(l).parameters().get(p).value();
                DMatrixRMaj g = before.parameters().get(p).grad();
                for (int i = 0; i < g.data.length; i++) g.data[i] = (b.data[i] - a.data[i]) / lr;
            }
            TestUtil.checkGradient("backprop baseline, layer " + l, before.parameters(), () -> crossEntropy(init, x, y), 1e-6, 1e-5);
        }
        assertTrue(crossEntropy(after, x, y) < crossEntropy(init, x, y));
    }
}
