package org.forwardlearn.forwardgnn.owngraph;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.datasets.table.TableCsv;
import org.forwardlearn.datasets.table.TableGraphReader;
import org.forwardlearn.datasets.table.TableOptions;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.GnnModel;
import org.forwardlearn.forwardgnn.GraphInput;
import org.forwardlearn.forwardgnn.LinkResult;
import org.forwardlearn.forwardgnn.LinkTrainer;
import org.forwardlearn.forwardgnn.NodeTrainer;
import org.forwardlearn.forwardgnn.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the root README's GNN trainer example (node and link, the one fit shape) and checks the README shows this code. */
class ReadmeGnnTest {
    @TempDir Path tmp;

    @Test
    void readmeExample() throws Exception {
        PlantedTables p = new PlantedTables(400, 4, 8, 0.8, 12, 0.6, 5, false);
        Path dir = tmp.resolve("g");
        TableCsv.write(p.all(), dir);
        // ---- begin README GNN example ----
        GraphInput data = GraphInput.of(TableGraphReader.readCsv(dir.resolve("nodes.csv"), dir.resolve("edges.csv"), TableOptions.defaults()));
        GnnConfig config = GnnConfig.defaults().withConv("sage").withEpochs(200);   // groups: architecture(), optimisation(), ...
        GnnModel model = new NodeTrainer(config).fit(data, TrainingListener.NONE);   // SF, layer by layer
        double accuracy = model.predict(data).accuracy(data.split().test(), data.graph().labels());
        RunProvenance how = model.provenance();                                     // config, seed, data, versions, times
        model.save(dir.resolve("node.flck"));                                       // core checkpoint; GnnModel.load(file)

        LinkResult link = new LinkTrainer(config.withTask(Task.LINK)).fit(data, TrainingListener.NONE);   // fl-ce
        double auc = link.testAuc(), ap = link.testAp();
        double[] scores = link.model().scorePairs(data, new int[][] {{0, 1}, {2, 3}});
        // ---- end README GNN example ----
        assertTrue(accuracy > 0.6, "node test accuracy well above chance 0.25 (got " + accuracy + ")");
        assertEquals("sage", how.config().get("conv"));
        assertEquals("100", how.config().get("seed"));
        assertEquals(accuracy, GnnModel.load(dir.resolve("node.flck")).predict(data).accuracy(data.split().test(), data.graph().labels()), 0.0);
        assertEquals("sage", GnnModel.load(dir.resolve("node.flck")).provenance().config().get("conv"), "provenance survives save/load");
        assertTrue(auc > 0.6 && auc <= 1 && ap > 0.5 && ap <= 1, "link AUC " + auc + ", AP " + ap);
        assertEquals(2, scores.length);
        assertEquals("link", link.provenance().config().get("task"));
    }

    @Test
    void readmeShowsThisCode() throws Exception {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int h = text.indexOf("### Graph neural networks: one trainer shape");
        assertTrue(h >= 0, "README has the GNN trainer section");
        int start = text.indexOf("```java", h), end = text.indexOf("```", start + 7);
        assertTrue(start > 0 && end > start, "the section has a java code block");
        List<String> readmeLines = new ArrayList<>();
        for (String l : text.substring(start + 7, end).split("\n")) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("//")) readmeLines.add(t);
        }
        String src = Files.readString(Path.of("src/test/java/org/forwardlearn/forwardgnn/owngraph/ReadmeGnnTest.java"));
        String block = src.substring(src.indexOf("// ---- begin README GNN example ----") + 37, src.indexOf("// ---- end README GNN example ----"));
        List<String> testLines = new ArrayList<>();
        for (String l : block.split("\n")) if (!l.strip().isEmpty()) testLines.add(l.strip());
        assertEquals(readmeLines, testLines, "the README example and this test must be the same code");
    }
}
