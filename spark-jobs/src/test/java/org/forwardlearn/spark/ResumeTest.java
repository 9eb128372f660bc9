package org.forwardlearn.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.train.TrainerConfig;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.spark.input.GraphConversion;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.output.RunOutputs;
import org.forwardlearn.spark.train.DistributedSfTrainer;
import org.forwardlearn.spark.train.SfConfig;
import org.forwardlearn.spark.train.SfRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job stopped between layers (after layer 0 was materialised and checkpointed, before layer 1 trained)
 * resumes from the last materialised layer and ends exactly like an uninterrupted run (SF-GAT on 3 partitions: GAT is the
 * conv whose per-step work needs the halo rows themselves, not only their aggregation).
 */
class ResumeTest {
    static final class Stop extends RuntimeException {
        Stop() { super("stopped between layers (test)"); }
    }

    @Test
    void stoppedBetweenLayersResumesToTheSameResult(@TempDir Path tmp) throws Exception {
        SparkSession spark = SharedSpark.get();
        Graph g = MlApiTest.csbm();
        GraphTables t = GraphConversion.tables(spark, g, NodeSplit.random(g.labels(), 0.6, 0.2, 1), 2);
        SfConfig cfg = SfConfig.defaults().withConv("gat").withLayers(3).withHidden(16).withPartitions(3)
                .withTrainer(TrainerConfig.defaults().withMaxEpochs(12).withValidateEvery(3).withPatience(0).withSeed(4));
        String full = tmp.resolve("full").toString(), cut = tmp.resolve("cut").toString();

        SfRun a = DistributedSfTrainer.fit(spark, t, cfg, full, "csbm", null);

        TrainingListener stopAtLayer1 = new TrainingListener() {
            @Override public void onLayerStart(int layer, int maxEpochs) { if (layer == 1) throw new Stop(); }
        };
        assertThrows(Stop.class, () -> DistributedSfTrainer.fit(spark, t, cfg, cut, "csbm", stopAtLayer1));
        Checkpoint ck = Checkpoint.load(tmp.resolve("cut/model.flck"));
        assertEquals(1, ck.completedLayers(), "layer 0 was checkpointed before the stop");
        assertTrue(Files.isDirectory(tmp.resolve("cut/_state/layer-0")) && !Files.exists(tmp.resolve("cut/_state/layer-1")));

        SfRun b = DistributedSfTrainer.fit(spark, t, cfg, cut, "csbm", null);
        assertEquals(1, b.resumedFrom());
        assertEquals(3, Checkpoint.load(tmp.resolve("cut/model.flck")).completedLayers());
        for (int l = 0; l < 3; l++) {
            for (int k = 0; k < a.layers().get(l).parameters().size(); k++) {
                assertArrayEquals(a.layers().get(l).parameters().get(k).value().data, b.layers().get(l).parameters().get(k).value().data,
                        "layer " + l + " " + a.layers().get(l).parameters().get(k).name());
            }
        }
        assertEquals(a.testAccuracy(), b.testAccuracy(), 0.0);
        Map<Long, Integer> pa = MlApiTest.preds(RunOutputs.predictions(spark, a.rows()));
        assertEquals(pa, MlApiTest.preds(RunOutputs.predictions(spark, b.rows())), "same predictions");

        // A different configuration never resumes from a foreign checkpoint.
        SfConfig other = cfg.withHidden(8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistributedSfTrainer.fit(spark, t, other, cut, "csbm", null));
        assertTrue(e.getMessage().contains("same configuration"), e.getMessage());
    }
}
