package org.forwardlearn.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.forwardgnn.block.SfSetup;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.spark.input.GraphConversion;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.partition.NodePartitioning;
import org.forwardlearn.spark.train.BlockLayout;
import org.forwardlearn.spark.train.DenseIds;
import org.forwardlearn.spark.train.LayerRows;
import org.forwardlearn.spark.train.NodeRow;
import org.forwardlearn.spark.train.StepParams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * The compact layout: ids of any type map to dense ints in id order, and the halo is right: one layer's outputs of every
 * node (its aggregation over neighbours held by other partitions, GCN with global degrees) on 3 hash partitions equal
 * the 1-partition (single-block) outputs.
 */
class BlockLayoutTest {
    @Test
    void stringIdsMapToDenseIntsInIdOrder() {
        SparkSession spark = SharedSpark.get();
        StructType s = new StructType().add("id", DataTypes.StringType, false);
        Dataset<Row> nodes = spark.createDataFrame(List.of(RowFactory.create("n-b"), RowFactory.create("n-a"), RowFactory.create("zz"),
                RowFactory.create("n-a")), s);
        Map<String, Integer> m = new HashMap<>();
        for (Row r : DenseIds.assign(nodes, "id").collectAsList()) m.put(r.getString(0), r.getInt(1));
        assertEquals(Map.of("n-a", 0, "n-b", 1, "zz", 2), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcn", "sage", "gat"})
    void haloRowsGiveTheSingleBlockOutputs(String conv) {
        SparkSession spark = SharedSpark.get();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Graph g = MlApiTest.csbm();
        GraphTables t = tables(spark, g);
        SfSetup setup = SfSetup.draw(conv, t.numFeatures(), 8, 1, t.numClasses(), new Random(3));
        GraphConv layer = setup.convs().get(0);
        DMatrixRMaj protos = new DMatrixRMaj(t.numClasses(), 8);
        Random r = new Random(4);
        for (int i = 0; i < protos.data.length; i++) protos.data[i] = r.nextGaussian();
        DMatrixRMaj vx = NodeMatrix.dense(setup.virtualFeatures()).rowL2Normalized().toDense();
        Map<Long, NodeRow> one = outputs(jsc, spark, t, 1, conv, layer, protos, vx);
        Map<Long, NodeRow> three = outputs(jsc, spark, t, 3, conv, layer, protos, vx);
        assertEquals(g.numNodes(), one.size());
        assertEquals(one.keySet(), three.keySet());
        double worst = 0;
        for (Map.Entry<Long, NodeRow> e : one.entrySet()) {
            double[] a = e.getValue().x(), b = three.get(e.getKey()).x();
            for (int j = 0; j < a.length; j++) worst = Math.max(worst, Math.abs(a[j] - b[j]));
            double[] ca = e.getValue().cum(), cb = three.get(e.getKey()).cum();
            for (int j = 0; j < ca.length; j++) worst = Math.max(worst, Math.abs(ca[j] - cb[j]));
        }
        assertTrue(worst < 1e-12, conv + ": 3 partitions vs 1, max |diff| " + worst);
    }

    private static GraphTables tables;

    private static synchronized GraphTables tables(SparkSession spark, Graph g) {
        if (tables == null) tables = GraphConversion.tables(spark, g, NodeSplit.random(g.labels(), 0.6, 0.2, 1), 2);
        return tables;
    }

    /** One layout and its layer-0 rows per partition count, shared by the convs (the layout does not depend on the conv). */
    private static final Map<Integer, Tuple2<BlockLayout, JavaRDD<LayerRows>>> LAYOUTS = new HashMap<>();

    private static synchronized Tuple2<BlockLayout, JavaRDD<LayerRows>> layout(SparkSession spark, GraphTables t, int parts) {
        return LAYOUTS.computeIfAbsent(parts, k -> {
            Dataset<Row> a = NodePartitioning.assign(spark, t, parts, "hash").cache();
            BlockLayout layout = BlockLayout.build(t, a, parts, true);
            return new Tuple2<>(layout, layout.firstRows(t, a).cache());
        });
    }

    private static Map<Long, NodeRow> outputs(JavaSparkContext jsc, SparkSession spark, GraphTables t, int parts, String conv,
                                              GraphConv layer, DMatrixRMaj protos, DMatrixRMaj vx) {
        Tuple2<BlockLayout, JavaRDD<LayerRows>> lr = layout(spark, t, parts);
        BlockLayout layout = lr._1();
        if (parts > 1) assertTrue(layout.graphs().map(p -> p.realHalo()).reduce(Integer::sum) > 0, "partitions hold halo rows");
        JavaRDD<LayerRows> rows = lr._2();
        var bv = jsc.broadcast(vx);
        var bp = jsc.broadcast(StepParams.of(layer, protos, 1.0, layout.trainCount()));
        JavaRDD<LayerRows> next = layout.blocks(rows, bv, conv, 1.0).map(b -> b.next(bp.value()));
        Map<Long, NodeRow> m = new HashMap<>();
        for (Tuple2<Long, NodeRow> x : layout.outputRows(next).collect()) m.put(x._1(), x._2());
        return m;
    }
}
