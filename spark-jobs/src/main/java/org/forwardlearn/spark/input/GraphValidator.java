package org.forwardlearn.spark.input;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Validates node and edge tables before any training compute: first the schemas (columns and types, no
 * data read), then the content (null or out-of-range ids, duplicate node ids, split values, feature
 * lengths, labels of training nodes, edge endpoints not among the nodes). Every error reads
 * "Expected X (got Y)".
 */
public final class GraphValidator {
    public static final Set<String> SPLITS = Set.of("train", "val", "test", "other");

    private GraphValidator() {}

    /** Checks both tables and returns them normalised (see {@link GraphTables}). */
    public static GraphTables validate(Dataset<Row> rawNodes, Dataset<Row> rawEdges) {
        // Schema checks first (no data read); the normalised tables are then persisted, since validation,
        // partitioning and the layout all read them.
        Dataset<Row> nodes = normaliseNodes(rawNodes).persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> edges = normaliseEdges(rawEdges).persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        int[] fc = checkNodeContent(nodes);
        checkEdgeContent(nodes, edges);
        return new GraphTables(nodes, edges, fc[0], fc[1]);
    }

    /** Schema-only check and normalisation of the node table (reads no data). */
    public static Dataset<Row> normaliseNodes(Dataset<Row> raw) {
        StructType s = raw.schema();
        requireIntegral(s, GraphTables.ID, "nodes");
        requireIntegral(s, GraphTables.LABEL, "nodes");
        StructField split = field(s, GraphTables.SPLIT, "nodes");
        if (!split.dataType().equals(DataTypes.StringType)) {
            throw new GraphSchemaException("Expected nodes.split of type string (got " + split.dataType().simpleString() + ")");
        }
        Column features = featureColumn(s);
        return raw.select(col(GraphTables.ID).cast(DataTypes.LongType).as(GraphTables.ID),
                coalesce(col(GraphTables.LABEL).cast(DataTypes.IntegerType), lit(-1)).as(GraphTables.LABEL),
                lower(trim(col(GraphTables.SPLIT))).as(GraphTables.SPLIT),
                features.cast(DataTypes.createArrayType(DataTypes.DoubleType)).as(GraphTables.FEATURES));
    }

    /** Schema-only check and normalisation of the edge table (reads no data). */
    public static Dataset<Row> normaliseEdges(Dataset<Row> raw) {
        StructType s = raw.schema();
        requireIntegral(s, GraphTables.SRC, "edges");
        requireIntegral(s, GraphTables.DST, "edges");
        return raw.select(col(GraphTables.SRC).cast(DataTypes.LongType).as(GraphTables.SRC),
                col(GraphTables.DST).cast(DataTypes.LongType).as(GraphTables.DST));
    }

    private static Column featureColumn(StructType s) {
        if (Arrays.asList(s.fieldNames()).contains(GraphTables.FEATURES)) {
            DataType t = s.apply(GraphTables.FEATURES).dataType();
            if (t instanceof VectorUDT) return org.apache.spark.ml.functions.vector_to_array(col(GraphTables.FEATURES), "float64");
            if (t instanceof ArrayType a && a.elementType() instanceof NumericType) return col(GraphTables.FEATURES);
            throw new GraphSchemaException("Expected nodes.features of type array<double> or vector (got " + t.simpleString() + ")");
        }
        List<Column> cols = new ArrayList<>();
        for (StructField f : s.fields()) {
            String n = f.name();
            if (n.equals(GraphTables.ID) || n.equals(GraphTables.LABEL) || n.equals(GraphTables.SPLIT)) continue;
            if (!(f.dataType() instanceof NumericType)) {
                throw new GraphSchemaException("Expected numeric feature column '" + n + "' in nodes (got "
                        + f.dataType().simpleString() + ")");
            }
            cols.add(col(n).cast(DataTypes.DoubleType));
        }
        if (cols.isEmpty()) {
            throw new GraphSchemaException("Expected a 'features' array column or numeric feature columns in nodes (got columns "
                    + Arrays.toString(s.fieldNames()) + ")");
        }
        return array(cols.toArray(new Column[0]));
    }

    private static StructField field(StructType s, String name, String table) {
        if (!Arrays.asList(s.fieldNames()).contains(name)) {
            throw new GraphSchemaException("Expected column '" + name + "' in " + table + " (got columns "
                    + Arrays.toString(s.fieldNames()) + ")");
        }
        return s.apply(name);
    }

    private static void requireIntegral(StructType s, String name, String table) {
        DataType t = field(s, name, table).dataType();
        if (!(t.equals(DataTypes.LongType) || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.ShortType)
                || t.equals(DataTypes.ByteType))) {
            throw new GraphSchemaException("Expected " + table + "." + name + " of an integer type (got " + t.simpleString() + ")");
        }
    }

    /** One aggregate pass over the nodes plus a duplicate-id query; returns {numFeatures, numClasses}. */
    private static int[] checkNodeContent(Dataset<Row> nodes) {
        Column badSplit = not(col(GraphTables.SPLIT).isin(SPLITS.toArray())).or(col(GraphTables.SPLIT).isNull());
        Row r = nodes.agg(count(lit(1)), sum(when(col(GraphTables.ID).isNull(), 1).otherwise(0)),
                min(GraphTables.ID), max(GraphTables.ID),
                min(size(col(GraphTables.FEATURES))), max(size(col(GraphTables.FEATURES))),
                max(GraphTables.LABEL),
                sum(when(col(GraphTables.SPLIT).equalTo("train").and(col(GraphTables.LABEL).lt(0)), 1).otherwise(0)),
                first(when(badSplit, coalesce(col(GraphTables.SPLIT), lit("null"))), true),
                min(GraphTables.LABEL)).first();
        long n = r.getLong(0);
        if (n == 0) throw new GraphSchemaException("Expected at least one node (got an empty node table)");
        if (r.getLong(1) > 0) throw new GraphSchemaException("Expected no null node ids (got " + r.getLong(1) + ")");
        if (r.getLong(2) < 0 || r.getLong(3) > GraphTables.MAX_ID) {
            throw new GraphSchemaException("Expected node ids in [0, " + GraphTables.MAX_ID + "] (got range ["
                    + r.getLong(2) + ", " + r.getLong(3) + "])");
        }
        if (r.isNullAt(4) || r.getInt(4) <= 0 || r.getInt(4) != r.getInt(5)) {
            throw new GraphSchemaException("Expected every node to have the same positive number of features (got lengths "
                    + (r.isNullAt(4) ? "null" : r.getInt(4) + ".." + r.getInt(5)) + ")");
        }
        if (!r.isNullAt(8)) {
            throw new GraphSchemaException("Expected split values in " + SPLITS + " (got '" + r.getString(8) + "')");
        }
        if (r.getLong(7) > 0) {
            throw new GraphSchemaException("Expected a label >= 0 on every training node (got " + r.getLong(7) + " without)");
        }
        if (r.getInt(9) < -1) throw new GraphSchemaException("Expected labels >= -1 (got " + r.getInt(9) + ")");
        if (r.getInt(6) < 1) throw new GraphSchemaException("Expected at least two classes (got max label " + r.getInt(6) + ")");
        List<Row> dup = nodes.groupBy(GraphTables.ID).count().filter(col("count").gt(1)).limit(1).collectAsList();
        if (!dup.isEmpty()) {
            throw new GraphSchemaException("Expected unique node ids (got id " + dup.get(0).getLong(0) + " "
                    + dup.get(0).getLong(1) + " times)");
        }
        return new int[] {r.getInt(4), r.getInt(6) + 1};
    }

    private static void checkEdgeContent(Dataset<Row> nodes, Dataset<Row> edges) {
        Row nulls = edges.agg(sum(when(col(GraphTables.SRC).isNull().or(col(GraphTables.DST).isNull()), 1).otherwise(0))).first();
        if (!nulls.isNullAt(0) && nulls.getLong(0) > 0) {
            throw new GraphSchemaException("Expected no null edge endpoints (got " + nulls.getLong(0) + " edges with one)");
        }
        Dataset<Row> ids = nodes.select(col(GraphTables.ID));
        for (String end : new String[] {GraphTables.SRC, GraphTables.DST}) {
            List<Row> bad = edges.join(ids, edges.col(end).equalTo(ids.col(GraphTables.ID)), "left_anti").limit(1).collectAsList();
            if (!bad.isEmpty()) {
                throw new GraphSchemaException("Expected every edge endpoint among the node ids (got edge " + bad.get(0).getLong(0)
                        + " -> " + bad.get(0).getLong(1) + ", whose " + end + " is not a node)");
            }
        }
    }
}
