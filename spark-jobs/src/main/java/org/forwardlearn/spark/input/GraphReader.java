package org.forwardlearn.spark.input;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads GraphFrames-style node and edge tables from any Hadoop-compatible path (file:, hdfs:, s3a: ...).
 * Parquet nodes carry {@code features} as an array column (or an MLlib vector); CSV nodes (with a header)
 * carry {@code id,label,split} followed by one numeric column per feature, CSV edges {@code src,dst}.
 *
 * <p>CSV has no inference pass. Node files go through {@link CsvNodes} (each line parsed once straight into
 * {@code id, label, split, features}; every row problem named by its line before validation); edge files through
 * Spark's CSV source with the explicit schema of {@link #csvSchema}, built from the header line alone. Then one query
 * names the first edge with a missing endpoint (and, for Parquet nodes, the first null feature), and
 * {@link GraphValidator} checks the rest: "Expected a number in nodes column 'f17' (got an empty value) on line 43
 * (id 41) of PATH".
 */
public final class GraphReader {
    private GraphReader() {}

    /** Reads, checks for missing values, and validates (see {@link GraphValidator}); format is "parquet" or "csv". */
    public static GraphTables read(SparkSession spark, String nodesPath, String edgesPath, String format) {
        Dataset<Row> nodes = readNodes(spark, nodesPath, format), edges = readRaw(spark, edgesPath, format);
        try {
            // CSV rows were checked line by line while parsing (CsvNodes); Parquet arrays may hold nulls.
            if (!format.equalsIgnoreCase("csv")) checkNoMissingValues(nodes, featureNames(nodes), nodesPath);
            checkNoMissingEndpoints(edges, edgesPath);
            return GraphValidator.validate(nodes, edges);   // its own normalised copy is persisted and filled by now
        } finally {
            nodes.unpersist();
        }
    }

    /**
     * The node table as {@code id, label, split, features}. Parquet as stored; CSV through {@link CsvNodes} (features
     * an ML vector, every row problem named by line before validation; persisted: unpersist it when done).
     */
    public static Dataset<Row> readNodes(SparkSession spark, String path, String format) {
        String f = format.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "parquet" -> spark.read().parquet(path);
            case "csv" -> CsvNodes.read(spark, path);
            default -> throw new GraphSchemaException("Expected format parquet|csv (got '" + format + "')");
        };
    }

    /**
     * A table whose logical plan is a scan of an RDD over the cached (columnar) rows of {@code ds}. Spark analyses
     * the whole logical plan of every query before it substitutes cached data, so every query over a wide source
     * (2,879 CSV columns, a VectorAssembler over them) re-analyses and re-generates code for thousands of columns:
     * seconds per query. Queries over the detached table see its few columns only. Lost partitions are recomputed
     * from the lineage. Close it (unpersist) once the tables built from it are materialised.
     */
    public record Detached(Dataset<Row> table, Dataset<Row> cached) implements AutoCloseable {
        @Override public void close() { cached.unpersist(false); }
    }

    public static Detached detach(Dataset<Row> ds) {
        Dataset<Row> cached = ds.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        return new Detached(ds.sparkSession().createDataFrame(cached.toJavaRDD(), ds.schema()), cached);
    }

    /** Reads one table (edges, or a narrow node table) without validation; CSV with the explicit schema of {@link #csvSchema}. */
    public static Dataset<Row> readRaw(SparkSession spark, String path, String format) {
        String f = format.toLowerCase(Locale.ROOT);
        return switch (f) {
            case "parquet" -> spark.read().parquet(path);
            case "csv" -> spark.read().option("header", "true").option("mode", "PERMISSIVE").schema(csvSchema(spark, path)).csv(path)
                    .withColumn(FILE, input_file_name());
            default -> throw new GraphSchemaException("Expected format parquet|csv (got '" + format + "')");
        };
    }

    private static final String FILE = "__fl_file";

    /**
     * The schema of a CSV table from its header line only (Spark reads the first line when {@code inferSchema}
     * is off): id/src/dst long, label int, split string, anything else double.
     */
    public static StructType csvSchema(SparkSession spark, String path) {
        String[] names = spark.read().option("header", "true").option("inferSchema", "false").csv(path).schema().fieldNames();
        if (names.length == 0) throw new GraphSchemaException("Expected a CSV header line in " + path + " (got an empty file)");
        StructType s = new StructType();
        for (String n : names) {
            DataType t = switch (n) {
                case GraphTables.ID, GraphTables.SRC, GraphTables.DST -> DataTypes.LongType;
                case GraphTables.LABEL -> DataTypes.IntegerType;
                case GraphTables.SPLIT -> DataTypes.StringType;
                default -> DataTypes.DoubleType;
            };
            s = s.add(n, t, true);
        }
        return s;
    }

    /** The feature column names of a node table: its {@code features} column (CSV feature names are checked by CsvNodes). */
    static List<String> featureNames(Dataset<Row> nodes) { return List.of(GraphTables.FEATURES); }

    /**
     * One query for the first node row with a missing value (id, label, split, or a feature: null, empty, or
     * unparsable in CSV), named by id, column and file; a label of -1 means unknown, an empty label is an error.
     */
    static void checkNoMissingValues(Dataset<Row> nodes, List<String> featureNames, String path) {
        DataType ft = nodes.schema().apply(GraphTables.FEATURES).dataType();
        Column firstNull;
        if (ft instanceof ArrayType) {
            // 0 = the whole array is null, k >= 1 = element k - 1 is null, -1 = complete
            Column pos = array_position(transform(col(GraphTables.FEATURES), Column::isNull), true).cast(DataTypes.IntegerType);
            firstNull = when(col(GraphTables.FEATURES).isNull(), lit(0)).when(pos.gt(0), pos).otherwise(lit(-1));
        } else if (ft instanceof VectorUDT) {
            firstNull = when(col(GraphTables.FEATURES).isNull(), lit(0)).otherwise(lit(-1));
        } else {
            return; // GraphValidator reports the type
        }
        Column bad = col(GraphTables.ID).isNull().or(col(GraphTables.LABEL).isNull()).or(col(GraphTables.SPLIT).isNull())
                .or(firstNull.geq(0));
        boolean hasFile = Arrays.asList(nodes.columns()).contains(FILE);
        List<Row> r = nodes.filter(bad).select(col(GraphTables.ID), col(GraphTables.LABEL).isNull(), col(GraphTables.SPLIT).isNull(),
                firstNull, hasFile ? col(FILE) : lit(path)).limit(1).collectAsList();
        if (r.isEmpty()) return;
        Row b = r.get(0);
        String where = "in the row with id " + (b.isNullAt(0) ? "(missing)" : b.getLong(0)) + ", file " + b.getString(4) + ")";
        if (b.isNullAt(0)) throw new GraphSchemaException("Expected a node id in every nodes row (got a missing or non-integer id "
                + where.substring(where.indexOf("file")));
        if (b.getBoolean(1)) throw new GraphSchemaException("Expected an integer label in nodes column 'label' (-1 = unknown; got a "
                + "missing or non-integer value " + where);
        if (b.getBoolean(2)) throw new GraphSchemaException("Expected a split in nodes column 'split' (got a missing value " + where);
        int k = b.getInt(3);
        String column = featureNames.size() == 1 ? featureNames.get(0) + (k > 0 ? "[" + (k - 1) + "]" : "") : featureNames.get(k - 1);
        throw new GraphSchemaException("Expected a number in nodes column '" + column + "' (got a missing or non-numeric value " + where);
    }

    /** The first edge row with a missing or unparsable endpoint, named by its other endpoint and file. */
    static void checkNoMissingEndpoints(Dataset<Row> edges, String path) {
        List<String> cols = Arrays.asList(edges.columns());
        if (!cols.contains(GraphTables.SRC) || !cols.contains(GraphTables.DST)) return; // GraphValidator reports it
        boolean hasFile = cols.contains(FILE);
        List<Row> r = edges.filter(col(GraphTables.SRC).isNull().or(col(GraphTables.DST).isNull()))
                .select(col(GraphTables.SRC).cast(DataTypes.StringType), col(GraphTables.DST).cast(DataTypes.StringType),
                        hasFile ? col(FILE) : lit(path)).limit(1).collectAsList();
        if (r.isEmpty()) return;
        Row b = r.get(0);
        throw new GraphSchemaException("Expected integer node ids in edges columns 'src' and 'dst' (got a missing or non-integer "
                + "value in the edge " + (b.isNullAt(0) ? "?" : b.getString(0)) + " -> " + (b.isNullAt(1) ? "?" : b.getString(1))
                + ", file " + b.getString(2) + ")");
    }

}
