package org.forwardlearn.spark.train;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.partition.PackedKey;
import org.forwardlearn.spark.partition.PartPartitioner;
import scala.Tuple2;

/**
 * The SF-augmented graph laid out over partitions: the real nodes plus one virtual node per class (frozen
 * random features), the edges symmetrised (optionally), without duplicates or self-loops, plus an edge in
 * each direction between every training node and its class's virtual node. Rows and edge blocks share the
 * same partition layout (partition i holds the keys of part i), so aggregation needs one shuffle only.
 *
 * @param rows       layer-0 rows (features row-L2-normalised), persisted
 * @param edges      one sorted block of out-edges per partition, persisted
 * @param trainCount training nodes over all partitions
 */
public record SfGraph(JavaRDD<Tuple2<Long, NodeRow>> rows, JavaRDD<EdgeBlock> edges, PartPartitioner partitioner,
                      int classes, int features, long trainCount, DMatrixRMaj virtualFeatures) {

    /** Builds the layout from validated tables and an assignment {@code (id, part)}. */
    public static SfGraph build(SparkSession spark, GraphTables g, Dataset<Row> assignment, SfConfig cfg) {
        int p = cfg.partitions(), c = g.numClasses(), f = g.numFeatures();
        PartPartitioner partitioner = new PartPartitioner(p);
        Column key = shiftleft(col("part").cast(DataTypes.LongType), PackedKey.ID_BITS).bitwiseOR(col("id"));
        Dataset<Row> nodes = g.nodes().join(assignment, "id").select(key.as("key"), col("label"), col("split"), col("features"));
        Dataset<Row> e = g.edges();
        if (cfg.symmetrise()) e = e.union(e.select(col("dst").as("src"), col("src").as("dst")));
        e = e.filter(col("src").notEqual(col("dst"))).distinct();
        Dataset<Row> a = assignment.select(col("id").as("sid"), col("part").as("spart"));
        Dataset<Row> b = assignment.select(col("id").as("did"), col("part").as("dpart"));
        Dataset<Row> real = e.join(a, e.col("src").equalTo(a.col("sid"))).join(b, e.col("dst").equalTo(b.col("did")))
                .select(shiftleft(col("spart").cast(DataTypes.LongType), PackedKey.ID_BITS).bitwiseOR(col("src")).as("skey"),
                        shiftleft(col("dpart").cast(DataTypes.LongType), PackedKey.ID_BITS).bitwiseOR(col("dst")).as("dkey"));
        Column vkey = shiftleft(pmod(col("label"), lit(p)).cast(DataTypes.LongType), PackedKey.ID_BITS)
                .bitwiseOR(lit(PackedKey.VIRTUAL_BASE).plus(col("label")));
        Dataset<Row> train = nodes.filter(col("split").equalTo("train"));
        Dataset<Row> all = real.union(train.select(col("key").as("skey"), vkey.as("dkey")))
                .union(train.select(vkey.as("skey"), col("key").as("dkey")));
        Dataset<Row> indeg = all.groupBy(col("dkey").as("key")).agg(count(lit(1)).cast(DataTypes.IntegerType).as("deg"));
        DMatrixRMaj vf = SfSetup.virtualFeatures(cfg, c, f);
        List<Row> vrows = new ArrayList<>();
        for (int k = 0; k < c; k++) {
            double[] x = new double[f];
            System.arraycopy(vf.data, k * f, x, 0, f);
            vrows.add(RowFactory.create(PackedKey.pack(k % p, PackedKey.virtualId(k)), k, "virtual", x));
        }
        StructType vs = new StructType().add("key", DataTypes.LongType).add("label", DataTypes.IntegerType)
                .add("split", DataTypes.StringType).add("features", DataTypes.createArrayType(DataTypes.DoubleType));
        Dataset<Row> withVirtual = nodes.union(spark.createDataFrame(vrows, vs)).join(indeg, "key", "left");
        JavaRDD<Tuple2<Long, NodeRow>> rows = withVirtual.javaRDD().mapToPair(r -> {
            List<Double> xs = r.getList(3);
            double[] x = new double[xs.size()];
            for (int i = 0; i < x.length; i++) x[i] = xs.get(i);
            String split = r.getString(2);
            double[] input = split.equals("virtual") ? x : SfSetup.l2(x);
            return new Tuple2<>(r.getLong(0), new NodeRow(r.getInt(1), NodeRow.splitCode(split), r.isNullAt(4) ? 0 : r.getInt(4),
                    input, new double[c]));
        }).partitionBy(partitioner).map(t -> t).persist(StorageLevel.MEMORY_AND_DISK());
        JavaRDD<EdgeBlock> edges = all.javaRDD().mapToPair(r -> new Tuple2<>(r.getLong(0), r.getLong(1)))
                .partitionBy(partitioner).mapPartitions(EdgeBlock::of, true).persist(StorageLevel.MEMORY_AND_DISK());
        long trainCount = train.count();
        return new SfGraph(rows, edges, partitioner, c, f, trainCount, vf);
    }

    /** Re-lays out rows read back from a materialised layer (their keys carry the partition). */
    public static JavaRDD<Tuple2<Long, NodeRow>> layout(JavaRDD<Tuple2<Long, NodeRow>> rows, PartPartitioner partitioner) {
        return rows.mapToPair(t -> t).partitionBy(partitioner).map(t -> t);
    }
}
