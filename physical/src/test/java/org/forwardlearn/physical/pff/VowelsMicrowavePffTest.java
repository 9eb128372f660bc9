package org.forwardlearn.physical.pff;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.forwardlearn.physical.PhysicalExperiment;
import org.forwardlearn.physical.PhysicalResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The paper's vowel task on its microwave network (3 simulated metasurface-cavity blocks, PFF goodness inference),
 * shortened to 15 of the default 100 epochs to stay fast: above 85 % on the splits of seeds 0 and 1 (measured 88.5 and
 * 90.4; the 100-epoch 10-seed figures are in docs/results/physical-vowels.md), at one device query per block per batch.
 */
class VowelsMicrowavePffTest {
    @Test
    void shortMicrowaveRunOnTwoSeedsIsAbove85Percent() {
        String s = System.getProperty("forwardlearn.data", System.getenv("FORWARDLEARN_DATA"));
        Assumptions.assumeTrue(s != null && Files.isDirectory(Path.of(s, "phyll-vowels")), "no vowels data");
        var d = PhysicalExperiment.Config.defaults("vowels", "microwave").withDataDir(Path.of(s));
        assertEquals(3, d.blocks());
        int epochs = 15;
        var cfg = d.withTraining(epochs, d.trainLimit(), d.pff());
        for (long seed = 0; seed < 2; seed++) {
            PhysicalResult r = new PhysicalExperiment(cfg.with("pff", seed)).run(null);
            assertTrue(r.testAccuracy() > 0.85, "seed " + seed + " accuracy " + r.testAccuracy());
            assertEquals(3L * epochs * 7, r.deviceQueries(), "206 training tokens / 32 = 7 batches, one query per block");
            assertEquals(3L * 2 * 206 * epochs, r.deviceSamples(), "3 blocks x (positives + negatives)");
            assertEquals(epochs, r.epochs().size());
        }
    }
}
