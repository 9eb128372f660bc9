package org.forwardlearn.spark.input;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads GraphFrames-style node and edge tables from any Hadoop-compatible path (file:, hdfs:, s3a: ...).
 * Parquet nodes carry {@code features} as an array column (or an MLlib vector); CSV nodes (with a header)
 * carry {@code id,label,split} followed by one numeric column per feature.
 */
public final class GraphReader {
    private GraphReader() {}

    /** Reads and validates (see {@link GraphValidator}); format is "parquet" or "csv". */
    public static GraphTables read(SparkSession spark, String nodesPath, String edgesPath, String format) {
        return GraphValidator.validate(readRaw(spark, nodesPath, format), readRaw(spark, edgesPath, format));
    }

    /** Reads one table without validation. */
    public static Dataset<Row> readRaw(SparkSession spark, String path, String format) {
        String f = format.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "parquet" -> spark.read().parquet(path);
            case "csv" -> spark.read().option("header", "true").option("inferSchema", "true").csv(path);
            default -> throw new GraphSchemaException("Expected format parquet|csv (got '" + format + "')");
        };
    }
}
