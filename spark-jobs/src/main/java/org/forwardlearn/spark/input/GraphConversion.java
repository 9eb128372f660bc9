package org.forwardlearn.spark.input;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;

/**
 * Turns an in-memory datasets {@link Graph} and a node split into the Spark layout (node id = row index,
 * every stored adjacency entry i -> j as an edge). Meant for tests, benchmarks and small graphs; large
 * graphs are read from files with {@link GraphReader}.
 */
public final class GraphConversion {
    private GraphConversion() {}

    public static StructType nodeSchema() {
        return new StructType().add("id", DataTypes.LongType, false).add("label", DataTypes.IntegerType, false)
                .add("split", DataTypes.StringType, false).add("features", DataTypes.createArrayType(DataTypes.DoubleType, false));
    }

    public static StructType edgeSchema() {
        return new StructType().add("src", DataTypes.LongType, false).add("dst", DataTypes.LongType, false);
    }

    /** The raw (unvalidated) node table. */
    public static Dataset<Row> nodes(SparkSession spark, Graph g, NodeSplit split, int slices) {
        String[] s = splitNames(g.numNodes(), split);
        DMatrixRMaj x = g.denseFeatures();
        int[] y = g.labels();
        List<Row> rows = new ArrayList<>(g.numNodes());
        for (int i = 0; i < g.numNodes(); i++) {
            double[] f = new double[x.numCols];
            System.arraycopy(x.data, i * x.numCols, f, 0, x.numCols);
            rows.add(RowFactory.create((long) i, y[i], s[i], f));
        }
        return spark.createDataFrame(spark.sparkContext().parallelize(scala.jdk.javaapi.CollectionConverters.asScala(rows).toSeq(),
                slices, scala.reflect.ClassTag$.MODULE$.apply(Row.class)), nodeSchema());
    }

    /** The raw (unvalidated) edge table. */
    public static Dataset<Row> edges(SparkSession spark, Graph g, int slices) {
        DMatrixSparseCSC a = g.adjacency();
        List<Row> rows = new ArrayList<>(a.nz_length);
        for (int j = 0; j < a.numCols; j++) {
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) rows.add(RowFactory.create((long) a.nz_rows[k], (long) j));
        }
        return spark.createDataFrame(spark.sparkContext().parallelize(scala.jdk.javaapi.CollectionConverters.asScala(rows).toSeq(),
                slices, scala.reflect.ClassTag$.MODULE$.apply(Row.class)), edgeSchema());
    }

    /** Validated tables. */
    public static GraphTables tables(SparkSession spark, Graph g, NodeSplit split, int slices) {
        return GraphValidator.validate(nodes(spark, g, split, slices), edges(spark, g, slices));
    }

    public static String[] splitNames(int n, NodeSplit split) {
        String[] s = new String[n];
        java.util.Arrays.fill(s, "other");
        for (int i : split.train()) s[i] = "train";
        for (int i : split.val()) s[i] = "val";
        for (int i : split.test()) s[i] = "test";
        return s;
    }
}
