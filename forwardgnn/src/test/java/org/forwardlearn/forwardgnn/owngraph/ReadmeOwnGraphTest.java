package org.forwardlearn.forwardgnn.owngraph;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.datasets.table.FeatureNorm;
import org.forwardlearn.datasets.table.TableCsv;
import org.forwardlearn.datasets.table.TableGraph;
import org.forwardlearn.datasets.table.TableGraphReader;
import org.forwardlearn.datasets.table.TableOptions;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.GnnExperiment;
import org.forwardlearn.forwardgnn.GnnModel;
import org.forwardlearn.forwardgnn.GnnResult;
import org.forwardlearn.forwardgnn.GraphInput;
import org.forwardlearn.forwardgnn.NodePredictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the root README's "train on your own tables and predict new nodes" example (between the markers below). */
class ReadmeOwnGraphTest {
    @TempDir Path tmp;

    @Test
    void readmeExample() throws Exception {
        PlantedTables p = new PlantedTables(500, 4, 8, 0.75, 12, 0.6, 9, true);
        Path dir = tmp.resolve("my-graph");
        TableCsv.write(p.withoutTest(), dir);                         // nodes.csv, edges.csv: the nodes known at training time
        Path all = tmp.resolve("all");
        TableCsv.write(p.all(), all);
        Files.move(all.resolve("nodes.csv"), dir.resolve("all_nodes.csv"));
        Files.move(all.resolve("edges.csv"), dir.resolve("all_edges.csv"));
        // --- README example begins
        TableGraph tables = TableGraphReader.readCsv(dir.resolve("nodes.csv"), dir.resolve("edges.csv"), TableOptions.defaults());
        GraphInput graph = GraphInput.of(tables, FeatureNorm.STANDARDIZE);   // an explicit rule (default for tables: none)
        GnnResult run = new GnnExperiment(GnnConfig.defaults().withEpochs(200), graph).run(TrainingListener.NONE);
        run.model().save(dir.resolve("model.flck"));

        // Later: the same model on the graph with new nodes and edges (inductive; training nodes keep split 'train').
        GraphInput bigger = GraphInput.of(TableGraphReader.readCsv(dir.resolve("all_nodes.csv"), dir.resolve("all_edges.csv"),
                TableOptions.defaults()));
        NodePredictions pred = GnnModel.load(dir.resolve("model.flck")).predict(bigger);
        String id = pred.ids().get(0);
        int cls = pred.predicted()[0];
        double score = pred.score(0, cls);
        double newNodes = pred.accuracy(bigger.split().test(), bigger.graph().labels());   // the nodes the model never saw
        // --- README example ends
        assertEquals(p.ids.get(0), id);
        assertTrue(score > 0.25 && score <= 1, "score " + score);
        assertTrue(newNodes > 0.7, "new nodes far above chance 0.25 (got " + newNodes + ")");
        assertEquals(100, bigger.split().test().length, 0);
    }
}
