package org.forwardlearn.spark.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.partition.NodePartitioning;
import scala.Tuple2;

/**
 * Inference with a trained SF model: the same augmented layout and the same per-layer aggregation as training,
 * then each trained layer's forward pass and class distribution ({@link StepKernel#materialise}) with the
 * stored prototypes. On the training graph with the same partitioning this reproduces the training run's rows.
 */
public final class SfInference {
    private SfInference() {}

    /** Final rows (x = last layer's normalised output, cum = summed class distributions) of every node. */
    public static JavaRDD<Tuple2<Long, NodeRow>> forward(SparkSession spark, GraphTables g, SfConfig cfg, List<DenseLayer> layers,
                                                         List<DMatrixRMaj> prototypes) {
        if (layers.size() != cfg.layers() || prototypes.size() != cfg.layers()) {
            throw new IllegalArgumentException("Expected " + cfg.layers() + " trained layers with prototypes (got " + layers.size()
                    + " and " + prototypes.size() + ")");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> assignment = NodePartitioning.assign(spark, g, cfg.partitions(), cfg.partitioner()).cache();
        SfGraph graph = SfGraph.build(spark, g, assignment, cfg);
        JavaRDD<Tuple2<Long, NodeRow>> rows = graph.rows();
        String conv = cfg.conv();
        int classes = graph.classes();
        for (int l = 0; l < layers.size(); l++) {
            JavaRDD<NodeBlock> blocks = rows.zipPartitions(Aggregation.messageSums(conv, rows, graph.edges(), graph.partitioner()),
                    (a, b) -> NodeBlock.build(conv, classes, a, b));
            DenseLayer layer = layers.get(l);
            Broadcast<LayerParams> bc = jsc.broadcast(new LayerParams(layer.weight(), layer.bias(), prototypes.get(l), cfg.tau(),
                    Math.max(1, graph.trainCount())));
            JavaRDD<Tuple2<Long, NodeRow>> next = blocks.mapPartitions(it -> {
                List<Tuple2<Long, NodeRow>> out = new ArrayList<>();
                while (it.hasNext()) StepKernel.materialise(it.next(), bc.value()).forEachRemaining(out::add);
                return out.iterator();
            }, true).persist(StorageLevel.MEMORY_AND_DISK());
            next.count();
            rows.unpersist(false);
            rows = next;
        }
        graph.edges().unpersist(false);
        assignment.unpersist();
        return rows;
    }
}
