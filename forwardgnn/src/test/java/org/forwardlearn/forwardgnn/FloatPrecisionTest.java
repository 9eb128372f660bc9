package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.datasets.Datasets;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: training with float32 dense products ({@code -Dforwardlearn.precision=float}) reaches the same
 * accuracy as double within 0.5 points: SF-GCN, 2 layers, CitationFull Cora_ML split 0, full protocol.
 */
class FloatPrecisionTest {
    @Test
    void floatTrainingMatchesDoubleWithinHalfAPoint() {
        GnnConfig cfg = GnnConfig.defaults().withDataDir(Datasets.defaultDataDir()).withDataset("citationfull-cora_ml")
                .withSplit(0).withSeed(100);
        Kernels.Precision before = Kernels.precision();
        try {
            Kernels.usePrecision(Kernels.Precision.DOUBLE);
            GnnResult d = new GnnExperiment(cfg).run(TrainingListener.NONE);
            Kernels.usePrecision(Kernels.Precision.FLOAT);
            GnnResult f = new GnnExperiment(cfg).run(TrainingListener.NONE);
            assertTrue(f.provenance().backend().endsWith(":float32"), f.provenance().backend());
            assertTrue(d.testAccuracy() > 0.85, "double SF-GCN-2 test accuracy " + d.testAccuracy());
            assertEquals(d.testAccuracy(), f.testAccuracy(), 0.005,
                    "float " + f.testAccuracy() + " vs double " + d.testAccuracy());
        } finally {
            Kernels.usePrecision(before);
        }
    }
}
