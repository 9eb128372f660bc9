package org.forwardlearn.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.spark.input.GraphConversion;
import org.forwardlearn.spark.ml.ForwardGnnEstimator;
import org.forwardlearn.spark.ml.ForwardGnnModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Pipeline example on real data: CitationFull Cora_ML (from the datasets loader, the bag of words as an
 * ML vector column), {@code Pipeline(VectorAssembler, ForwardGnnEstimator)}, MLlib's
 * {@code MulticlassClassificationEvaluator} on the test rows of ForwardGNN's split 0, {@code PipelineModel} save and
 * load (Spark's own layout, our stage inside) with identical predictions and probabilities.
 */
class PipelineTest {
    @Test
    void pipelineOnCoraMlFitsEvaluatesSavesAndLoads(@TempDir Path tmp) throws Exception {
        SparkSession spark = SharedSpark.get();
        Dataset<Row> nodes = coraMlNodes(spark), edges = GraphConversion.edges(spark, CoraMlCsv.graph(), 2);
        // --- README example: begin
        // nodes: id (long), label (int), split (train|val|test|other), words (ML Vector); edges: src, dst
        VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"words"}).setOutputCol("features");
        ForwardGnnEstimator gnn = new ForwardGnnEstimator().setLayers(2).setHidden(64).setEpochs(40).setValidateEvery(5)
                .setPatience(0).setLr(0.01).setPartitions(2).setSeed(0).setDatasetId("citationfull-cora_ml")
                .setEdges(edges);                                       // the graph's edges: data, not a Param
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, gnn});
        PipelineModel model = pipeline.fit(nodes);
        Dataset<Row> out = model.transform(nodes).cache();             // + prediction (double), probability, rawPrediction, embedding
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(out.filter("split = 'test'"));
        model.write().overwrite().save(tmp.resolve("pipeline").toString());
        PipelineModel loaded = PipelineModel.load(tmp.resolve("pipeline").toString());   // edges saved with the stage
        Dataset<Row> again = loaded.transform(nodes);
        // --- README example: end
        System.out.printf("pipeline: Cora_ML split 0 test accuracy %.4f (training run: test %.4f, val %.4f)%n", accuracy,
                ((ForwardGnnModel) model.stages()[1]).summary().testAccuracy(), ((ForwardGnnModel) model.stages()[1]).summary().valAccuracy());
        assertTrue(accuracy >= 0.85, "Cora_ML split 0 test accuracy >= 0.85 (got " + accuracy + ")");
        assertEquals(((ForwardGnnModel) model.stages()[1]).summary().testAccuracy(), accuracy, 1e-12,
                "the evaluator agrees with the training run's own test accuracy");
        assertEquals(2, loaded.stages().length);
        assertInstanceOf(ForwardGnnModel.class, loaded.stages()[1]);
        assertEquals(model.stages()[1].uid(), loaded.stages()[1].uid());
        Map<Long, double[]> a = rows(out), b = rows(again);
        assertEquals(CoraMlCsv.graph().numNodes(), a.size());
        assertEquals(a.keySet(), b.keySet());
        for (Map.Entry<Long, double[]> e : a.entrySet()) {
            assertArrayEquals(e.getValue(), b.get(e.getKey()), 0.0, "prediction and probability of node " + e.getKey());
        }
        out.unpersist();
    }

    /** Cora_ML from the datasets loader with ForwardGNN's split 0: id, label, split, words (sparse ML vector of the bag of words). */
    static Dataset<Row> coraMlNodes(SparkSession spark) {
        Graph g = CoraMlCsv.graph();
        String[] split = GraphConversion.splitNames(g.numNodes(), CoraMlCsv.split());
        DMatrixRMaj x = g.denseFeatures();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < g.numNodes(); i++) {
            double[] f = new double[x.numCols];
            System.arraycopy(x.data, i * x.numCols, f, 0, x.numCols);
            rows.add(RowFactory.create((long) i, g.labels()[i], split[i], Vectors.dense(f).compressed()));
        }
        StructType s = new StructType().add("id", DataTypes.LongType, false).add("label", DataTypes.IntegerType, false)
                .add("split", DataTypes.StringType, false).add("words", SQLDataTypes.VectorType(), false);
        return spark.createDataFrame(rows, s);
    }

    /** id -> {prediction, probability...}. */
    static Map<Long, double[]> rows(Dataset<Row> d) {
        Map<Long, double[]> m = new TreeMap<>();
        for (Row r : d.select("id", "prediction", "probability").collectAsList()) {
            double[] p = ((Vector) r.get(2)).toArray();
            double[] v = new double[p.length + 1];
            v[0] = r.getDouble(1);
            System.arraycopy(p, 0, v, 1, p.length);
            m.put(r.getLong(0), v);
        }
        return m;
    }
}
