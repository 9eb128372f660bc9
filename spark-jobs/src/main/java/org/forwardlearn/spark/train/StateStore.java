package org.forwardlearn.spark.train;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.forwardlearn.spark.output.HadoopFiles;
import scala.Tuple2;

/**
 * Materialised layer outputs under {@code OUT/_state/layer-L} (Parquet: key, label, split, deg, x, cum):
 * the rows that enter layer L+1. A directory is written under a temporary name and renamed into place, so
 * a job killed while writing leaves the previous layer's state intact.
 */
public final class StateStore {
    private final SparkSession spark;
    private final String root;

    public StateStore(SparkSession spark, String outDir) {
        this.spark = spark;
        this.root = outDir + "/_state";
    }

    public String layerDir(int layer) { return root + "/layer-" + layer; }

    public static StructType schema() {
        return new StructType().add("key", DataTypes.LongType, false).add("label", DataTypes.IntegerType, false)
                .add("split", DataTypes.ByteType, false).add("deg", DataTypes.IntegerType, false)
                .add("x", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
                .add("cum", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
    }

    public void write(int layer, JavaRDD<Tuple2<Long, NodeRow>> rows) {
        JavaRDD<Row> r = rows.map(t -> RowFactory.create(t._1(), t._2().label(), t._2().split(), t._2().inDegree(),
                t._2().x(), t._2().cum()));
        String tmp = layerDir(layer) + ".tmp";
        spark.createDataFrame(r, schema()).write().mode("overwrite").parquet(tmp);
        HadoopFiles.replaceDir(spark.sparkContext().hadoopConfiguration(), tmp, layerDir(layer));
    }

    public JavaRDD<Tuple2<Long, NodeRow>> read(int layer) {
        return spark.read().schema(schema()).parquet(layerDir(layer)).javaRDD().map(r -> {
            List<Double> xs = r.getList(4), cs = r.getList(5);
            double[] x = new double[xs.size()], c = new double[cs.size()];
            for (int i = 0; i < x.length; i++) x[i] = xs.get(i);
            for (int i = 0; i < c.length; i++) c[i] = cs.get(i);
            return new Tuple2<>(r.getLong(0), new NodeRow(r.getInt(1), r.getByte(2), r.getInt(3), x, c));
        });
    }
}
