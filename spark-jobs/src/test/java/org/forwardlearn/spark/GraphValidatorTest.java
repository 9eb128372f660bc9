package org.forwardlearn.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.forwardlearn.datasets.table.FeatureNorm;
import org.forwardlearn.datasets.table.TableRules;
import org.forwardlearn.spark.input.FeatureNormalization;
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
        assertEquals("nodes: Expected unique node ids (got id '1' again, first at another row (2 rows with it))",
                error(nodes(n(0, 0, "train"), n(1, 1, "val"), n(1, 1, "test")), edges(0, 1)));
        assertEquals("edges (edge 0 -> 9): Expected edge dst among the node ids of nodes (got '9')",
                error(nodes(n(0, 0, "train"), n(1, 1, "val")), edges(0, 1, 0, 9)));
        assertEquals("nodes: Expected split value in [train, val, test, other] (got 'training')",
                error(nodes(n(0, 0, "training"), n(1, 1, "val")), edges(0, 1)));
    }

    /** The same rules (datasets' TableRules) as the local reader: the message after the prefix is the datasets one. */
    @Test
    void rulesAreTheDatasetsRules() {
        assertEquals("nodes (1 rows): " + TableRules.unlabelledTraining("5"),
                error(nodes(n(0, 0, "train"), n(5, -1, "train"), n(2, 1, "val")), edges(0, 2)));
        assertEquals("nodes: " + TableRules.tooFewClasses(0), error(nodes(n(0, 0, "train"), n(1, 0, "val")), edges(0, 1)));
        assertEquals("nodes: " + TableRules.badLabel("-3"), error(nodes(n(0, 0, "train"), n(1, -3, "val"), n(2, 1, "val")), edges(0, 1)));
        assertEquals(TableRules.missingColumn("edges", "dst", java.util.List.of("src")).toString(),
                error(nodes(n(0, 0, "train")), edges(0, 0).drop("dst")));
    }

    /** The Spark job's feature normalisation is datasets' FeatureNorm: equal to the local rule on every row. */
    @Test
    void featureNormalizationEqualsTheLocalRule() {
        Row[] rows = {RowFactory.create(0L, 0, "train", new double[] {1, 3}), RowFactory.create(1L, 1, "train", new double[] {2, 2}),
                RowFactory.create(2L, 1, "test", new double[] {4, -1})};
        GraphTables t = GraphValidator.validate(nodes(rows), edges(0, 1));
        org.ejml.data.DMatrixRMaj x = new org.ejml.data.DMatrixRMaj(new double[][] {{1, 3}, {2, 2}, {4, -1}});
        for (FeatureNorm rule : new FeatureNorm[] {FeatureNorm.STANDARDIZE, FeatureNorm.ROW_L2, FeatureNorm.ROW_SUM}) {
            org.ejml.data.DMatrixRMaj want = rule.fit(x, new int[] {0, 1}).apply(x, null);
            List<Row> got = FeatureNormalization.apply(t, rule).nodes().orderBy("id").select("features").collectAsList();
            for (int i = 0; i < 3; i++) {
                List<Double> g = got.get(i).getList(0);
                for (int j = 0; j < 2; j++) assertEquals(want.get(i, j), g.get(j), 1e-15, rule + " row " + i);
            }
        }
        Row[] signed = {RowFactory.create(0L, 0, "train", new double[] {1, 3}), RowFactory.create(7L, 1, "val", new double[] {1, -3})};
        GraphTables s = GraphValidator.validate(nodes(signed), edges(0, 7));
        String m = assertThrows(GraphSchemaException.class, () -> FeatureNormalization.apply(s, FeatureNorm.ROW_SUM)).getMessage();
        assertTrue(m.startsWith("nodes: Expected feature rows with a positive sum for features-norm row-sum (got sum -2.0 on node '7')"), m);
    }
}
