package org.forwardlearn.spark.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Maps node ids of any orderable type (long, string, ...) once to dense ints 0..n-1 in ascending id order, so every
 * per-partition structure holds primitive int arrays and the result does not depend on how the input was split.
 */
public final class DenseIds {
    public static final String NID = "nid";

    private DenseIds() {}

    /** {@code (idCol, nid int)} for every distinct value of {@code idCol}. */
    public static Dataset<Row> assign(Dataset<Row> nodes, String idCol) {
        Dataset<Row> ids = nodes.select(functions.col(idCol)).distinct().orderBy(functions.col(idCol));
        StructType schema = new StructType().add(ids.schema().fields()[0]).add(NID, DataTypes.IntegerType, false);
        JavaRDD<Row> rows = ids.javaRDD().zipWithIndex().map(t -> {
            if (t._2() > Integer.MAX_VALUE - 1) {
                throw new IllegalArgumentException("Expected at most " + Integer.MAX_VALUE + " nodes (got more at id " + t._1().get(0) + ")");
            }
            return RowFactory.create(t._1().get(0), (int) (long) t._2());
        });
        return SparkSession.active().createDataFrame(rows, schema);
    }
}
