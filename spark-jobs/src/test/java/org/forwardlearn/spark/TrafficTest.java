package org.forwardlearn.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.forwardlearn.core.train.TrainerConfig;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.spark.input.GraphConversion;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.metrics.SparkMetricsListener;
import org.forwardlearn.spark.output.RunOutputs;
import org.forwardlearn.spark.train.DistributedSfTrainer;
import org.forwardlearn.spark.train.SfConfig;
import org.forwardlearn.spark.train.SfRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-step traffic of SF on 3 partitions, from Spark's own task metrics (as result.json reports it): the training
 * steps shuffle 0 bytes (the halo was exchanged once, before them), each partition's step result is at most 2 x the
 * layer's parameter bytes + the prototype bytes, and the broadcast is the parameters + prototypes.
 */
class TrafficTest {
    @ParameterizedTest
    @ValueSource(strings = {"gcn", "gat"})
    @SuppressWarnings("unchecked")
    void stepsShuffleNothingAndSendTheParameters(String conv) {
        SparkSession spark = SharedSpark.get();
        Graph g = MlApiTest.csbm();
        GraphTables t = GraphConversion.tables(spark, g, NodeSplit.random(g.labels(), 0.6, 0.2, 1), 2);
        SfConfig cfg = SfConfig.defaults().withConv(conv).withLayers(2).withHidden(16).withPartitions(3)
                .withTrainer(TrainerConfig.defaults().withMaxEpochs(6).withValidateEvery(2).withPatience(0).withSeed(3));
        SparkMetricsListener metrics = new SparkMetricsListener();
        spark.sparkContext().addSparkListener(metrics);
        try {
            SfRun run = DistributedSfTrainer.fit(spark, t, cfg, null, "csbm", null);
            SparkMetricsListener.drain(spark.sparkContext());
            Map<String, Object> r = RunOutputs.result(run, metrics);
            for (Object o : (List<Object>) r.get("layers")) {
                Map<String, Object> l = (Map<String, Object>) o;
                long params = (Long) l.get("parameter_bytes"), protos = (Long) l.get("prototype_bytes");
                long perTask = (Long) l.get("step_result_bytes_per_task"), shuffle = (Long) l.get("step_shuffle_bytes");
                System.out.printf("traffic %s layer %s: parameters %d B, prototypes %d B, result per task %d B, step shuffle %d B, "
                        + "exchange shuffle %d B%n", conv, l.get("layer"), params, protos, perTask, shuffle, l.get("shuffle_write_bytes"));
                assertEquals(0L, shuffle, "no shuffle during the training steps");
                assertTrue((Long) l.get("step_jobs") >= 6, "the steps ran as jobs");
                assertTrue(perTask <= 2 * params + protos, "result per task " + perTask + " <= 2 x " + params + " + " + protos);
                assertTrue((Long) l.get("shuffle_write_bytes") > 0, "the halo exchange is a shuffle (once per layer)");
            }
            long last = 8L * 0;
            assertTrue(run.stepBroadcastBytes() > last && run.stepBroadcastBytes() <= run.parameterBytes(1)
                    + 8L * run.prototypes().get(1).getNumElements(), "broadcast = parameters + prototypes");
        } finally {
            spark.sparkContext().removeSparkListener(metrics);
        }
    }
}
