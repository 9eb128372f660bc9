package org.forwardlearn.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.forwardlearn.spark.input.GraphConversion;
import org.forwardlearn.spark.input.GraphSchemaException;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.input.GraphValidator;
import org.junit.jupiter.api.Test;

class GraphValidatorTest {
    static Dataset<Row> nodes(Row... rows) { return SharedSpark.get().createDataFrame(List.of(rows), GraphConversion.nodeSchema()); }

    static Dataset<Row> edges(long... se) {
        Row[] r = new Row[se.length / 2];
        for (int i = 0; i < r.length; i++) r[i] = RowFactory.create(se[2 * i], se[2 * i + 1]);
        return SharedSpark.get().createDataFrame(List.of(r), GraphConversion.edgeSchema());
    }

    static Row n(long id, int label, String split) { return RowFactory.create(id, label, split, new double[] {1, 0}); }

    static String error(Dataset<Row> nodes, Dataset<Row> edges) {
        return assertThrows(GraphSchemaException.class, () -> GraphValidator.validate(nodes, edges)).getMessage();
    }

    @Test
    void validGraphPasses() {
        GraphTables t = GraphValidator.validate(nodes(n(0, 0, "train"), n(1, 1, "val"), n(2, 1, "test")), edges(0, 1, 1, 2));
        assertEquals(2, t.numFeatures());
        assertEquals(2, t.numClasses());
    }

    @Test
    void missingColumnWrongTypeDuplicatesAndDanglingEdges() {
        assertTrue(error(nodes(n(0, 0, "train")).drop("label"), edges(0, 0)).startsWith("Expected column 'label' in nodes (got"));
        SparkSession s = SharedSpark.get();
        Dataset<Row> strIds = s.createDataFrame(List.of(RowFactory.create("a", "b")),
                new StructType().add("src", DataTypes.StringType).add("dst", DataTypes.StringType));
        assertEquals("Expected edges.src of an integer type (got string)", error(nodes(n(0, 0, "train")), strIds));
        assertEquals("Expected unique node ids (got id 1 2 times)",
                error(nodes(n(0, 0, "train"), n(1, 1, "val"), n(1, 1, "test")), edges(0, 1)));
        assertEquals("Expected every edge endpoint among the node ids (got edge 0 -> 9, whose dst is not a node)",
                error(nodes(n(0, 0, "train"), n(1, 1, "val")), edges(0, 1, 0, 9)));
        assertEquals("Expected split values in " + GraphValidator.SPLITS + " (got 'training')",
                error(nodes(n(0, 0, "training"), n(1, 1, "val")), edges(0, 1)));
    }
}
