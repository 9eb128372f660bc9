package org.forwardlearn.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.forwardlearn.datasets.generate.Csbm;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.spark.input.GraphConversion;
import org.forwardlearn.spark.input.GraphSchemaException;
import org.forwardlearn.spark.ml.ForwardGnnEstimator;
import org.forwardlearn.spark.ml.ForwardGnnModel;
import org.forwardlearn.spark.output.RunOutputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Estimator/Model API: Params, fit, transform (= the training run), transformSchema errors, save/load round trip. */
class MlApiTest {
    /** A small contextual SBM (600 nodes, 4 classes, 16 features): fast and clearly learnable. */
    static Graph csbm() {
        return Csbm.builder().nodes(600).classes(4).features(16).averageDegree(8, 0.8).seed(5).build().generate("csbm-600");
    }

    @Test
    void fitTransformSaveLoad(@TempDir Path tmp) throws Exception {
        SparkSession spark = SharedSpark.get();
        Graph g = csbm();
        NodeSplit split = NodeSplit.random(g.labels(), 0.6, 0.2, 1);
        Dataset<Row> nodes = GraphConversion.nodes(spark, g, split, 2), edges = GraphConversion.edges(spark, g, 2);

        ForwardGnnEstimator est = new ForwardGnnEstimator().setLayers(2).setHidden(16).setEpochs(20).setValidateEvery(5)
                .setPatience(0).setLr(0.01).setPartitions(2).setSeed(11).setDatasetId("csbm-600");
        assertEquals(16, est.getOrDefault(est.hidden()));
        assertEquals("gcn", est.getOrDefault(est.conv()));
        assertTrue(est.explainParams().contains("partitioner"), est.explainParams());
        assertThrows(IllegalArgumentException.class, () -> est.setConv("gat"));

        StructType out = est.transformSchema(nodes.schema());
        assertEquals(List.of("id", "label", "split", "features", "prediction", "embedding"), List.of(out.fieldNames()));
        GraphSchemaException noLabel = assertThrows(GraphSchemaException.class, () -> est.fit(nodes.drop("label"), edges));
        assertTrue(noLabel.getMessage().startsWith("Expected column 'label' in nodes"), noLabel.getMessage());
        assertThrows(GraphSchemaException.class, () -> est.transformSchema(nodes.withColumn("prediction", nodes.col("label")).schema()));

        ForwardGnnModel model = est.fit(nodes, edges);
        assertTrue(model.summary().testAccuracy() > 0.6, "CSBM is learnable (got test " + model.summary().testAccuracy() + ")");
        Dataset<Row> t = model.transform(nodes);
        assertEquals(List.of("id", "label", "split", "features", "prediction", "embedding"), List.of(t.schema().fieldNames()));
        Map<Long, Integer> fromTransform = preds(t), fromTraining = preds(RunOutputs.predictions(spark, model.summary().rows()));
        assertEquals(g.numNodes(), fromTransform.size());
        assertEquals(fromTraining, fromTransform, "transform on the training graph reproduces the training run");
        Row r0 = t.filter("id = 0").select("embedding").first();
        assertEquals(16, r0.getList(0).size());

        String path = tmp.resolve("model").toString();
        model.write().overwrite().save(path);
        assertTrue(Files.exists(tmp.resolve("model/model.flck")) && Files.exists(tmp.resolve("model/metadata.json")));
        ForwardGnnModel loaded = ForwardGnnModel.load(path);
        assertEquals(model.uid(), loaded.uid());
        assertEquals(model.config(), loaded.config());
        assertThrows(IllegalStateException.class, () -> loaded.transform(nodes), "a loaded model needs the edges");
        assertEquals(fromTransform, preds(loaded.setEdges(edges).transform(nodes)), "same predictions after save/load");
        // The checkpoint is core's format: the layers are readable without Spark.
        assertEquals(2, org.forwardlearn.core.io.Checkpoint.load(tmp.resolve("model/model.flck")).completedLayers());

        est.write().overwrite().save(tmp.resolve("est").toString());
        ForwardGnnEstimator est2 = ForwardGnnEstimator.load(tmp.resolve("est").toString());
        assertEquals(est.config(), est2.config());
        assertEquals(est.uid(), est2.uid());
    }

    static Map<Long, Integer> preds(Dataset<Row> d) {
        Map<Long, Integer> m = new TreeMap<>();
        for (Row r : d.select("id", "prediction").collectAsList()) m.put(r.getLong(0), r.getInt(1));
        return m;
    }
}
