package org.forwardlearn.physical.pff;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.forwardlearn.physical.PhysicalExperiment;
import org.forwardlearn.physical.PhysicalResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A short PFF run on the Hillenbrand vowels with 2 simulated acoustic blocks reaches well above chance (1/7). */
class VowelsPffTest {
    @Test
    void shortRunIsWellAboveChance() {
        String s = System.getProperty("forwardlearn.data", System.getenv("FORWARDLEARN_DATA"));
        Assumptions.assumeTrue(s != null && Files.isDirectory(Path.of(s, "hillenbrand-vowels")), "no vowels data");
        var cfg = PhysicalExperiment.Config.defaults("vowels").withDataDir(Path.of(s));
        cfg = cfg.withTraining(30, 0, cfg.pff());
        PhysicalResult r = new PhysicalExperiment(cfg).run(null);
        assertTrue(r.testAccuracy() > 0.7, "accuracy " + r.testAccuracy());
        assertEquals(2 * 30 * 9, r.deviceQueries());      // 266 training tokens / 32 = 9 batches, one query per block
        assertTrue(r.digitalMacs() > 0);
        assertEquals(30, r.epochs().size());
        assertNotNull(r.toMap().get("test_accuracy"));
    }
}
