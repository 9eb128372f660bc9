package org.forwardlearn.physical.pff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.listen.CancellationToken;
import org.forwardlearn.core.optim.OptimizerConfig;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.physical.Systems;
import org.forwardlearn.physical.data.Dataset;
import org.forwardlearn.physical.data.Vowels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Runs physical/README.md's trainer-shape example verbatim on the real vowels and acoustic data, and checks the README shows it. */
class PffReadmeExampleTest {
    @Test
    void readmeExampleTrainsPredictsSavesAndLoads() throws Exception {
        String s = System.getProperty("forwardlearn.data", System.getenv("FORWARDLEARN_DATA"));
        Assumptions.assumeTrue(s != null && Files.isDirectory(Path.of(s, "phyll-vowels")), "no vowels data");
        Path data = Path.of(s);
        // ---- begin README example ----
        // data: the datasets folder (a Path)
        Dataset vowels = Vowels.load(data, 0, Vowels.Protocol.PAPER);     // the paper's split for seed 0: 206 train / 52 test tokens
        List<PhysicalSystem> devices = List.of(                            // two simulated acoustic blocks (any PhysicalSystem)
                Systems.open("acoustic", Map.of("seed", "1", "data-dir", data.toString())),
                Systems.open("acoustic", Map.of("seed", "2", "data-dir", data.toString())));
        PffConfig config = PffConfig.defaults().withSteps(5, 32, 30).withOptimizer(OptimizerConfig.adam(0.001, 0)).withAlpha(8)
                .withEncoder("unit-norm-shift", 2);
        CancellationToken stop = new CancellationToken();                  // stop.cancel() ends the run cleanly
        PffModel model = new PffTrainer(config, devices)
                .fit(PffTrainer.data(vowels.xTrain(), vowels.yTrain(), vowels.classes(), 0), stop);
        int[] predicted = model.predict(new DMatrixRMaj(vowels.xTest()));  // tries every label on the devices
        Path file = Files.createTempFile("pff", ".flck");
        model.save(file);                                  // every block's W and b, the configuration, the provenance
        PffModel again = PffModel.load(file, devices);     // attached to the same (or reopened) devices
        // ---- end README example ----
        double acc = PffNetwork.accuracy(predicted, vowels.yTest());
        assertTrue(acc > 0.9, "30 epochs on the paper's vowels: test accuracy " + acc);
        assertEquals("pff", model.provenance().task());
        assertEquals("0.001", model.provenance().config().get("lr"));
        assertEquals(model.provenance(), again.provenance());
        assertEquals(30, model.history().size());
        for (int b = 0; b < 2; b++) {
            assertArrayEquals(model.network().blocks().get(b).layer().weight().data, again.network().blocks().get(b).layer().weight().data, 0.0);
        }
        Files.delete(file);
        for (PhysicalSystem d : devices) d.close();
    }

    @Test
    void readmeShowsThisCode() throws Exception {
        String text = Files.readString(Path.of("README.md"));
        int h = text.indexOf("## The trainer shape (library)");
        assertTrue(h >= 0, "README has the trainer-shape section");
        int start = text.indexOf("```java", h), end = text.indexOf("```", start + 7);
        List<String> readme = new ArrayList<>();
        for (String l : text.substring(start + 7, end).split("\n")) if (!l.isBlank()) readme.add(l.strip());
        String src = Files.readString(Path.of("src/test/java/org/forwardlearn/physical/pff/PffReadmeExampleTest.java"));
        String block = src.substring(src.indexOf("// ---- begin README example ----") + 33, src.indexOf("// ---- end README example ----"));
        List<String> test = new ArrayList<>();
        for (String l : block.split("\n")) if (!l.isBlank()) test.add(l.strip());
        assertEquals(readme, test, "the README example and this test must be the same code");
    }
}
