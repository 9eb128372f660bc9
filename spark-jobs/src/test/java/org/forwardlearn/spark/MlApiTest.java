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
import org.forwardlearn.spark.ml.GraphTrainValidationSplit;
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
        String explained = est.explainParams();
        for (org.apache.spark.ml.param.Param<?> p : est.params()) {
            assertTrue(est.hasDefault(p), "every param has a default: " + p.name());
            assertTrue(explained.contains(p.name() + ": " + p.doc()), p.name() + " in explainParams: " + explained);
        }
        List<String> names = java.util.Arrays.stream(est.params()).map(p -> p.name()).toList();
        assertTrue(names.containsAll(List.of("featuresCol", "labelCol", "predictionCol", "probabilityCol", "rawPredictionCol",
                "idCol", "splitCol", "srcCol", "dstCol", "embeddingCol", "saveEdges")), names.toString());
        assertThrows(IllegalArgumentException.class, () -> est.setConv("gin"));
        assertThrows(IllegalArgumentException.class, () -> est.setLayers(0));
        ForwardGnnEstimator copy = est.copy(new org.apache.spark.ml.param.ParamMap().put(est.hidden(), (Object) 8));
        assertEquals(8, copy.getOrDefault(copy.hidden()));
        assertEquals(16, est.getOrDefault(est.hidden()));
        assertEquals(est.uid(), copy.uid());

        StructType out = est.transformSchema(nodes.schema());
        assertEquals(List.of("id", "label", "split", "features", "prediction", "probability", "rawPrediction", "embedding"),
                List.of(out.fieldNames()));
        assertEquals(org.apache.spark.sql.types.DataTypes.DoubleType, out.apply("prediction").dataType());
        GraphSchemaException noLabel = assertThrows(GraphSchemaException.class, () -> est.fit(nodes.drop("label"), edges));
        assertTrue(noLabel.getMessage().startsWith("Expected column 'label' in nodes"), noLabel.getMessage());
        assertThrows(GraphSchemaException.class, () -> est.transformSchema(nodes.withColumn("prediction", nodes.col("label")).schema()));

        ForwardGnnModel model = est.fit(nodes, edges);
        assertTrue(model.summary().testAccuracy() > 0.6, "CSBM is learnable (got test " + model.summary().testAccuracy() + ")");
        Dataset<Row> t = model.transform(nodes);
        assertEquals(List.of("id", "label", "split", "features", "prediction", "probability", "rawPrediction", "embedding"),
                List.of(t.schema().fieldNames()));
        Map<Long, Integer> fromTransform = preds(t), fromTraining = preds(RunOutputs.predictions(spark, model.summary().rows()));
        assertEquals(g.numNodes(), fromTransform.size());
        assertEquals(fromTraining, fromTransform, "transform on the training graph reproduces the training run");
        Row r0 = t.filter("id = 0").select("embedding").first();
        assertEquals(16, r0.getList(0).size());

        String path = tmp.resolve("model").toString();
        model.write().overwrite().save(path);
        // Spark's DefaultParamsWriter layout plus our data folder.
        try (var md = Files.list(tmp.resolve("model/metadata"))) {
            assertTrue(md.anyMatch(f -> f.getFileName().toString().startsWith("part-")), "Spark's metadata/part-* file");
        }
        assertTrue(Files.exists(tmp.resolve("model/data/model.flck")) && Files.isDirectory(tmp.resolve("model/data/edges")));
        ForwardGnnModel loaded = ForwardGnnModel.load(path);
        assertEquals(model.uid(), loaded.uid());
        assertEquals(model.config(), loaded.config());
        assertEquals(fromTransform, preds(loaded.transform(nodes)), "same predictions after save/load (edges saved)");
        // The checkpoint is core's format: the layers are readable without Spark.
        assertEquals(2, org.forwardlearn.core.io.Checkpoint.load(tmp.resolve("model/data/model.flck")).completedLayers());
        // Without saved edges the loaded model needs them again; renamed columns work through the column params.
        model.setSaveEdges(false).write().overwrite().save(path);
        ForwardGnnModel bare = ForwardGnnModel.load(path);
        assertThrows(IllegalStateException.class, () -> bare.transform(nodes), "a model saved without edges needs them");
        Dataset<Row> renamedNodes = nodes.withColumnRenamed("id", "node").withColumnRenamed("features", "x");
        Dataset<Row> renamedEdges = edges.withColumnRenamed("src", "a").withColumnRenamed("dst", "b");
        Map<Long, Integer> renamed = new TreeMap<>();
        for (Row r : bare.setIdCol("node").setFeaturesCol("x").setSrcCol("a").setDstCol("b").setEdges(renamedEdges)
                .transform(renamedNodes).select("node", "prediction").collectAsList()) renamed.put(r.getLong(0), (int) r.getDouble(1));
        assertEquals(fromTransform, renamed, "same predictions with renamed columns");

        est.write().overwrite().save(tmp.resolve("est").toString());
        ForwardGnnEstimator est2 = ForwardGnnEstimator.load(tmp.resolve("est").toString());
        assertEquals(est.config(), est2.config());
        assertEquals(est.uid(), est2.uid());
        // An unfitted Pipeline holding the estimator: Spark's Pipeline.save/load finds our stage (DefaultParams layout).
        new org.apache.spark.ml.Pipeline().setStages(new org.apache.spark.ml.PipelineStage[] {est}).write().overwrite()
                .save(tmp.resolve("pipe").toString());
        org.apache.spark.ml.PipelineStage st = org.apache.spark.ml.Pipeline.load(tmp.resolve("pipe").toString()).getStages()[0];
        assertEquals(est.config(), ((ForwardGnnEstimator) st).config());
        assertEquals(est.uid(), st.uid());
    }

    /** GraphTrainValidationSplit over a ParamGridBuilder grid: all nodes and edges kept, labels outside train/val masked. */
    @Test
    void graphTrainValidationSplitSelectsByValidationMetric() {
        SparkSession spark = SharedSpark.get();
        Graph g = csbm();
        NodeSplit split = NodeSplit.random(g.labels(), 0.6, 0.2, 1);
        Dataset<Row> nodes = GraphConversion.nodes(spark, g, split, 2), edges = GraphConversion.edges(spark, g, 2);
        ForwardGnnEstimator gnn = new ForwardGnnEstimator().setLayers(1).setHidden(16).setEpochs(20).setValidateEvery(5)
                .setPatience(0).setPartitions(2).setSeed(11).setEdges(edges);
        org.apache.spark.ml.param.ParamMap[] grid = new org.apache.spark.ml.tuning.ParamGridBuilder()
                .addGrid(gnn.lr(), new double[] {1e-6, 0.02}).build();
        GraphTrainValidationSplit tvs = new GraphTrainValidationSplit().setEstimator(gnn).setEstimatorParamMaps(grid)
                .setEvaluator(new org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator().setMetricName("accuracy"));
        assertEquals(0, tvs.masked(nodes).filter("split = 'test' and label is not null").count(), "test labels masked");
        assertEquals(g.numNodes(), tvs.masked(nodes).count(), "every node kept");
        GraphTrainValidationSplit.Fitted best = tvs.fit(nodes);
        double[] m = best.validationMetrics();
        System.out.printf("tuning: validation accuracy lr=1e-6 %.4f, lr=0.02 %.4f%n", m[0], m[1]);
        assertEquals(1, best.bestIndex(), "lr 0.02 learns, lr 1e-6 barely moves (got " + java.util.Arrays.toString(m) + ")");
        assertTrue(m[1] > m[0] + 0.1, java.util.Arrays.toString(m));
        ForwardGnnModel bm = (ForwardGnnModel) best.bestModel();
        assertEquals(m[1], bm.summary().valAccuracy(), 1e-12, "the evaluator on val rows = the run's own val accuracy");
        assertTrue(Double.isNaN(bm.summary().testAccuracy()), "the candidates never saw a test label");
        assertEquals(0.02, bm.config().trainer().optimizer().lr(), 0.0);
        assertEquals(g.numNodes(), best.transform(nodes).count());
    }

    static Map<Long, Integer> preds(Dataset<Row> d) {
        Map<Long, Integer> m = new TreeMap<>();
        for (Row r : d.select("id", "prediction").collectAsList()) {
            Object p = r.get(1);
            m.put(r.getLong(0), p instanceof Double v ? (int) (double) v : (Integer) p);
        }
        return m;
    }
}
