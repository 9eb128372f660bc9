package org.forwardlearn.core.ff;

import org.forwardlearn.core.data.Samples;
import org.forwardlearn.core.data.TrainingData;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.forwardlearn.core.FashionMnist;
import org.forwardlearn.core.baseline.BackpropMlp;
import org.forwardlearn.core.listen.DivergenceGuard;
import org.forwardlearn.core.listen.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Short real-data runs on a Fashion-MNIST subset: both the FF MLP and its backprop baseline learn. */
class FashionMnistSubsetTest {
    static FashionMnist train, test;

    @BeforeAll
    static void load() throws Exception {
        train = FashionMnist.load("train", 3000);
        test = FashionMnist.load("t10k", 1000);
    }

    static FfMlpConfig cfg() {
        return FfMlpConfig.defaults().withHidden(200, 200).withEpochs(3).withBatchSize(100).withSeed(1);
    }

    @Test
    void forwardForwardMlpLearnsWellAboveChance() {
        long t0 = System.nanoTime();
        FfMlpModel m = new FfMlpTrainer(cfg()).fit(TrainingData.of(new Samples(train.x, train.y, 10)).withDataset("fashion-mnist-subset", ""),
                new DivergenceGuard());
        double acc = m.accuracy(test.x, test.y);
        System.out.printf("FF MLP on Fashion-MNIST 3000/1000: test accuracy %.3f in %.1f s%n", acc, (System.nanoTime() - t0) * 1e-9);
        assertTrue(acc > 0.60, "FF test accuracy " + acc + " (chance is 0.10)");
    }

    @Test
    void backpropBaselineLearns() {
        long t0 = System.nanoTime();
        BackpropMlp m = BackpropMlp.fit(cfg(), train.x, train.y, 10, null, null, TrainingListener.NONE);
        double acc = m.accuracy(test.x, test.y);
        System.out.printf("BP MLP on Fashion-MNIST 3000/1000: test accuracy %.3f in %.1f s%n", acc, (System.nanoTime() - t0) * 1e-9);
        assertTrue(acc > 0.70, "backprop baseline test accuracy " + acc);
    }
}
