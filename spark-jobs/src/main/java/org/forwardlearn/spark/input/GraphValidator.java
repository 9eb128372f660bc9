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
import org.forwardlearn.datasets.table.TableLayout;
import org.forwardlearn.datasets.table.TableRules;

/**
 * Validates node and edge tables before any training compute: first the schemas (columns and types, no
 * data read), then the content (null or out-of-range ids, duplicate node ids, split values, feature
 * lengths, labels of training nodes, edge endpoints not among the nodes). The rules and their messages are the
 * datasets module's ({@link TableRules}, as the local reader {@code TableGraphReader} applies them); every error reads
 * "Expected X (got Y)", prefixed with the table and, for a row, its node id or edge.
 */
public final class GraphValidator {
    /** The split values (datasets' {@link TableLayout#SPLITS}). */
    public static final Set<String> SPLITS = Set.copyOf(TableLayout.SPLITS);

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
            throw new GraphSchemaException(TableRules.wrongType("nodes", GraphTables.SPLIT, "type string", split.dataType().simpleString()).toString());
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
            throw new GraphSchemaException(TableRules.wrongType("nodes", GraphTables.FEATURES, "type array<double> or vector", t.simpleString()).toString());
        }
        List<Column> cols = new ArrayList<>();
        for (StructField f : s.fields()) {
            String n = f.name();
            if (n.equals(GraphTables.ID) || n.equals(GraphTables.LABEL) || n.equals(GraphTables.SPLIT)) continue;
            if (!(f.dataType() instanceof NumericType)) {
                throw new GraphSchemaException(TableRules.wrongType("nodes", n, "a numeric type (a feature column)",
                        f.dataType().simpleString()).toString());
            }
            cols.add(col(n).cast(DataTypes.DoubleType));
        }
        if (cols.isEmpty()) {
            throw new GraphSchemaException(TableRules.noFeatures(Arrays.asList(s.fieldNames())).toString());
        }
        return array(cols.toArray(new Column[0]));
    }

    private static StructField field(StructType s, String name, String table) {
        if (!Arrays.asList(s.fieldNames()).contains(name)) {
            throw new GraphSchemaException(TableRules.missingColumn(table, name, Arrays.asList(s.fieldNames())).toString());
        }
        return s.apply(name);
    }

    private static void requireIntegral(StructType s, String name, String table) {
        DataType t = field(s, name, table).dataType();
        if (!(t.equals(DataTypes.LongType) || t.equals(DataTypes.IntegerType) || t.equals(DataTypes.ShortType)
                || t.equals(DataTypes.ByteType))) {
            throw new GraphSchemaException(TableRules.wrongType(table, name, "an integer type", t.simpleString()).toString());
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
                min(GraphTables.LABEL),
                first(when(col(GraphTables.SPLIT).equalTo("train").and(col(GraphTables.LABEL).lt(0)), col(GraphTables.ID)), true)).first();
        long n = r.getLong(0);
        if (n == 0) throw new GraphSchemaException(TableRules.noNodes().toString());
        if (r.getLong(1) > 0) throw new GraphSchemaException("nodes (" + r.getLong(1) + " rows): " + TableRules.missingValue(GraphTables.ID));
        if (r.isNullAt(4) || r.getInt(4) <= 0 || r.getInt(4) != r.getInt(5)) {
            throw new GraphSchemaException("Expected every node to have the same positive number of features (got lengths "
                    + (r.isNullAt(4) ? "null" : r.getInt(4) + ".." + r.getInt(5)) + ")");
        }
        if (!r.isNullAt(8)) {
            throw new GraphSchemaException("nodes: " + TableRules.badSplit(r.getString(8)));
        }
        if (r.getLong(7) > 0) {
            throw new GraphSchemaException("nodes (" + r.getLong(7) + " rows): " + TableRules.unlabelledTraining(Long.toString(r.getLong(10))));
        }
        if (r.getInt(9) < -1) throw new GraphSchemaException("nodes: " + TableRules.badLabel(Integer.toString(r.getInt(9))));
        if (r.getInt(6) < 1) throw new GraphSchemaException("nodes: " + TableRules.tooFewClasses(r.getInt(6)));
        List<Row> dup = nodes.groupBy(GraphTables.ID).count().filter(col("count").gt(1)).limit(1).collectAsList();
        if (!dup.isEmpty()) {
            throw new GraphSchemaException("nodes: " + TableRules.duplicateId(Long.toString(dup.get(0).getLong(0)),
                    "another row (" + dup.get(0).getLong(1) + " rows with it)"));
        }
        return new int[] {r.getInt(4), r.getInt(6) + 1};
    }

    private static void checkEdgeContent(Dataset<Row> nodes, Dataset<Row> edges) {
        Row nulls = edges.agg(sum(when(col(GraphTables.SRC).isNull().or(col(GraphTables.DST).isNull()), 1).otherwise(0))).first();
        if (!nulls.isNullAt(0) && nulls.getLong(0) > 0) {
            throw new GraphSchemaException("edges (" + nulls.getLong(0) + " rows): " + TableRules.missingValue(GraphTables.SRC + "' or '" + GraphTables.DST));
        }
        Dataset<Row> ids = nodes.select(col(GraphTables.ID));
        for (String end : new String[] {GraphTables.SRC, GraphTables.DST}) {
            List<Row> bad = edges.join(ids, edges.col(end).equalTo(ids.col(GraphTables.ID)), "left_anti").limit(1).collectAsList();
            if (!bad.isEmpty()) {
                Row b = bad.get(0);
                throw new GraphSchemaException("edges (edge " + b.getLong(0) + " -> " + b.getLong(1) + "): "
                        + TableRules.unknownEndpoint(end, Long.toString(end.equals(GraphTables.SRC) ? b.getLong(0) : b.getLong(1)), "nodes"));
            }
        }
    }
}
