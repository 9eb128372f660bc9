package org.forwardlearn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.data.Samples;
import org.forwardlearn.core.data.TrainingData;
import org.forwardlearn.core.ff.FfMlpConfig;
import org.forwardlearn.core.ff.FfMlpModel;
import org.forwardlearn.core.ff.FfMlpTrainer;
import org.forwardlearn.core.listen.CancellationToken;
import org.junit.jupiter.api.Test;

/** Runs the README's "Use it as a library" example verbatim, and checks that the README still shows this code. */
class ReadmeExampleTest {
    @Test
    void libraryExampleRunsAndLearns() throws Exception {
        // ---- begin README example ----
        // Four classes of noisy points in 20 dimensions, 800 samples: x = class centre + noise.
        Random rng = new Random(7);
        double[][] centres = new double[4][20];
        for (double[] c : centres) for (int j = 0; j < 20; j++) c[j] = rng.nextGaussian();
        DMatrixRMaj x = new DMatrixRMaj(800, 20);
        int[] y = new int[800];
        for (int i = 0; i < 800; i++) {
            y[i] = i % 4;
            for (int j = 0; j < 20; j++) x.set(i, j, centres[y[i]][j] + 0.5 * rng.nextGaussian());
        }
        // Two hidden layers of 64 units, each trained only by its own forward-forward (SymBa) objective.
        FfMlpConfig config = FfMlpConfig.defaults().withHidden(64, 64).withEpochs(30).withBatchSize(50).withSeed(1);
        CancellationToken stop = new CancellationToken();   // stop.cancel() from any thread ends the run cleanly
        FfMlpModel model = new FfMlpTrainer(config).fit(TrainingData.of(new Samples(x, y, 4)), stop);
        double accuracy = model.accuracy(x, y);   // tries every label, sums goodness over layers
        Path file = Files.createTempFile("ff-mlp", ".flck");
        model.save(file);                          // the model and its provenance, CRC-checked
        FfMlpModel again = FfMlpModel.load(file);
        // ---- end README example ----
        assertTrue(accuracy > 0.95, "README example accuracy " + accuracy);
        assertEquals(2, model.layers().size());
        assertTrue(model.provenance() != null);
        assertEquals("ff-mlp", again.provenance().task());
        assertEquals(accuracy, again.accuracy(x, y), 1e-12);
        assertTrue(model.provenance().config().containsKey("hidden"));
        Files.delete(file);
    }

    @Test
    void readmeShowsThisCode() throws Exception {
        Path readme = Path.of("..", "README.md");
        if (!Files.exists(readme)) readme = Path.of("README.md");
        String text = Files.readString(readme);
        int h = text.indexOf("## Use it as a library");
        assertTrue(h >= 0, "README has a 'Use it as a library' section");
        int start = text.indexOf("```java", h), end = text.indexOf("```", start + 7);
        assertTrue(start > 0 && end > start, "the section has a java code block");
        List<String> readmeLines = new ArrayList<>();
        for (String l : text.substring(start + 7, end).split("\n")) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("import ")) readmeLines.add(t);
        }
        Path self = Path.of("src/test/java/org/forwardlearn/core/ReadmeExampleTest.java");
        String src = Files.readString(self);
        String block = src.substring(src.indexOf("// ---- begin README example ----") + 33, src.indexOf("// ---- end README example ----"));
        List<String> testLines = new ArrayList<>();
        for (String l : block.split("\n")) if (!l.strip().isEmpty()) testLines.add(l.strip());
        assertEquals(readmeLines, testLines, "the README example and this test must be the same code");
        for (String l : text.substring(start + 7, end).split("\n")) {
            if (l.strip().startsWith("import ")) assertTrue(src.contains(l.strip()), "test has the README's " + l.strip());
        }
    }
}
