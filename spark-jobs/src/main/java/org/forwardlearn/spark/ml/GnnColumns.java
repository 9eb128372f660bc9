package org.forwardlearn.spark.ml;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.forwardlearn.spark.input.GraphSchemaException;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.input.GraphValidator;

/**
 * The column conventions shared by {@link ForwardGnnEstimator} and {@link ForwardGnnModel}: the user's columns
 * (named by the {@code idCol}, {@code labelCol}, {@code splitCol}, {@code featuresCol}, {@code srcCol},
 * {@code dstCol} params) are checked here (no data read) and renamed to the fixed GraphFrames layout that
 * {@link GraphValidator} validates; the output columns follow MLlib's classifiers (prediction double,
 * probability and rawPrediction ML vectors) plus the embedding (array&lt;double&gt;).
 */
final class GnnColumns {
    private GnnColumns() {}

    /** The input column names of one call. */
    record In(String id, String label, String split, String features, String src, String dst) {}

    /** The output column names of one call ("" = not produced, except prediction). */
    record Out(String prediction, String probability, String rawPrediction, String embedding) {
        List<String> names() {
            List<String> n = new ArrayList<>();
            for (String s : new String[] {prediction, probability, rawPrediction, embedding}) if (!s.isEmpty()) n.add(s);
            return n;
        }
    }

    /** Schema-only check of the node table; returns it with the output columns appended. */
    static StructType outputSchema(StructType schema, In in, Out out) {
        List<String> names = Arrays.asList(schema.fieldNames());
        require(schema, in.id(), "the node id (" + ForwardGnnEstimator.ID_DOC + ")");
        require(schema, in.label(), "the class label (integer-valued; -1 or null = unknown)");
        require(schema, in.split(), "the split (train|val|test|other)");
        require(schema, in.features(), "the features (an ML Vector or array<double>, e.g. VectorAssembler's output)");
        DataType ft = schema.apply(in.features()).dataType();
        if (!(ft instanceof VectorUDT || ft instanceof ArrayType a && a.elementType() instanceof NumericType)) {
            throw new GraphSchemaException("Expected nodes." + in.features() + " of type vector or array<double> (got "
                    + ft.simpleString() + ")");
        }
        DataType lt = schema.apply(in.label()).dataType();
        if (!(lt instanceof NumericType)) {
            throw new GraphSchemaException("Expected nodes." + in.label() + " of a numeric type (got " + lt.simpleString() + ")");
        }
        if (out.prediction().isEmpty()) throw new GraphSchemaException("Expected a non-empty predictionCol (got \"\")");
        // The validator's own schema rules, on the renamed (empty) table.
        SparkSession spark = SparkSession.active();
        GraphValidator.normaliseNodes(graphNodes(spark.createDataFrame(List.of(), schema), in));
        StructType s = schema;
        for (String c : out.names()) {
            if (names.contains(c)) {
                throw new GraphSchemaException("Expected no column '" + c + "' in nodes, it is an output column (got columns "
                        + names + ")");
            }
        }
        s = s.add(out.prediction(), DataTypes.DoubleType, false);
        if (!out.probability().isEmpty()) s = s.add(out.probability(), SQLDataTypes.VectorType(), false);
        if (!out.rawPrediction().isEmpty()) s = s.add(out.rawPrediction(), SQLDataTypes.VectorType(), false);
        if (!out.embedding().isEmpty()) s = s.add(out.embedding(), DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        return s;
    }

    /** The node table renamed to {@code id, label, split, features} (label cast to int; only those four columns). */
    static Dataset<Row> graphNodes(Dataset<?> nodes, In in) {
        Column label = col(in.label());
        DataType lt = nodes.schema().apply(in.label()).dataType();
        if (!(lt instanceof org.apache.spark.sql.types.IntegralType)) label = label.cast(DataTypes.IntegerType);
        return nodes.select(col(in.id()).as(GraphTables.ID), label.as(GraphTables.LABEL), col(in.split()).as(GraphTables.SPLIT),
                col(in.features()).as(GraphTables.FEATURES));
    }

    /** The edge table renamed to {@code src, dst}. */
    static Dataset<Row> graphEdges(Dataset<?> edges, In in) {
        StructType s = edges.schema();
        require(s, in.src(), "the edge source", "edges");
        require(s, in.dst(), "the edge target", "edges");
        return edges.select(col(in.src()).as(GraphTables.SRC), col(in.dst()).as(GraphTables.DST));
    }

    private static void require(StructType s, String name, String what) { require(s, name, what, "nodes"); }

    private static void require(StructType s, String name, String what, String table) {
        if (!Arrays.asList(s.fieldNames()).contains(name)) {
            throw new GraphSchemaException("Expected column '" + name + "' in " + table + ", " + what + " (got columns "
                    + Arrays.toString(s.fieldNames()) + ")");
        }
    }
}
