package org.forwardlearn.spark.train;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.partition.NodePartitioning;
import scala.Tuple2;

/**
 * Inference with a trained SF model: the same block layout and per-layer halo exchange as training, then each trained
 * layer's outputs and class distributions (forwardgnn's {@code BlockSf}) with the stored prototypes. On the training
 * graph with the same partitioning this reproduces the training run's rows.
 */
public final class SfInference {
    private SfInference() {}

    /** Final rows (x = last layer's normalised output, cum = summed class distributions) of every node, keyed by id. */
    public static JavaRDD<Tuple2<Long, NodeRow>> forward(SparkSession spark, GraphTables g, SfConfig cfg, List<GraphConv> layers,
                                                         List<DMatrixRMaj> prototypes, DMatrixRMaj virtualFeatures) {
        if (layers.size() != cfg.layers() || prototypes.size() != cfg.layers()) {
            throw new IllegalArgumentException("Expected " + cfg.layers() + " trained layers with prototypes (got " + layers.size()
                    + " and " + prototypes.size() + ")");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Dataset<Row> assignment = NodePartitioning.assign(spark, g, cfg.partitions(), cfg.partitioner()).cache();
        BlockLayout layout = BlockLayout.build(g, assignment, cfg.partitions(), cfg.symmetrise());
        JavaRDD<LayerRows> rows = layout.firstRows(g, assignment).persist(StorageLevel.MEMORY_AND_DISK());
        DMatrixRMaj[] protos = prototypes.toArray(new DMatrixRMaj[0]);
        for (int l = 0; l < layers.size(); l++) {
            Broadcast<DMatrixRMaj> bv = jsc.broadcast(DistributedSfProblem.virtualInput(l, virtualFeatures, protos));
            JavaRDD<PartLayer> blocks = layout.blocks(rows, bv, cfg.conv(), cfg.tau());
            Broadcast<StepParams> bc = jsc.broadcast(StepParams.of(layers.get(l), protos[l], cfg.tau(), Math.max(1, layout.trainCount())));
            JavaRDD<LayerRows> next = blocks.map(b -> b.next(bc.value())).persist(StorageLevel.MEMORY_AND_DISK());
            next.count();
            rows.unpersist(false);
            rows = next;
        }
        JavaRDD<Tuple2<Long, NodeRow>> out = layout.outputRows(rows).persist(StorageLevel.MEMORY_AND_DISK());
        out.count();
        rows.unpersist(false);
        layout.graphs().unpersist(false);
        assignment.unpersist();
        return out;
    }
}
