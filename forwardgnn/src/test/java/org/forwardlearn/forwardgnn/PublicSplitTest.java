package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.datasets.Datasets;
import org.junit.jupiter.api.Test;

/** split = -1 trains on the dataset's public split (Planetoid: 140 / 500 / 1000 on Cora). */
class PublicSplitTest {
    private static GnnConfig base(String dataset) {
        return GnnConfig.defaults().withDataDir(Datasets.defaultDataDir()).withDataset(dataset).withSplit(-1)
                .withEpochs(30).withLr(1e-2);
    }

    @Test
    void planetoidCoraUsesThePublicSplit() {
        GnnResult r = new GnnExperiment(base("cora")).run(TrainingListener.NONE);
        assertEquals(2708, r.predictions().length);
        assertTrue(r.testAccuracy() > 0.5, "SF on Cora's public split: test accuracy " + r.testAccuracy());
        // The public test set has 1000 nodes: accuracies are multiples of 1/1000.
        assertEquals(0.0, Math.abs(r.testAccuracy() * 1000 - Math.rint(r.testAccuracy() * 1000)), 1e-9);
    }

    @Test
    void planetoidCiteSeerWithUnlabelledNodesTrains() {
        // 15 CiteSeer nodes have no features and no label (-1): they take part in message passing only.
        GnnResult r = new GnnExperiment(base("citeseer")).run(TrainingListener.NONE);
        assertEquals(3327, r.predictions().length);
        assertTrue(r.testAccuracy() > 0.4, "SF on CiteSeer's public split: test accuracy " + r.testAccuracy());
        assertEquals(1000, GnnExperiment.split(base("citeseer"), new GnnExperiment(base("citeseer")).loadGraph()).test().length);
    }

    @Test
    void aDatasetWithoutAPublicSplitIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GnnExperiment(base("citationfull-cora_ml")).run(TrainingListener.NONE));
        assertTrue(e.getMessage().contains("public split"), e.getMessage());
    }

    @Test
    void splitBelowMinusOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> GnnConfig.defaults().withSplit(-2));
    }
}
