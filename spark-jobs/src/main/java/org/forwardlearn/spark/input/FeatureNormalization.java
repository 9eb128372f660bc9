package org.forwardlearn.spark.input;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;
import org.forwardlearn.datasets.table.FeatureNorm;

/**
 * The feature normalisation of the Spark job: datasets' {@link FeatureNorm} (the one implementation of each rule, the
 * local path's too) applied to the validated node table's features. Row rules map every row; standardize first sums the
 * training rows' statistics over the partitions ({@link FeatureNorm.Stats} add / merge) and fits them on the driver.
 * Row-sum's refusal of a signed row fails the job with the datasets message, naming the node id.
 */
public final class FeatureNormalization {
    private FeatureNormalization() {}

    /** The tables with normalised features (none: the same tables). */
    public static GraphTables apply(GraphTables g, FeatureNorm rule) {
        if (rule == FeatureNorm.NONE) return g;
        FeatureNorm.Fitted fitted = rule.rowWise() ? rule.fit(null, null) : rule.fit(stats(g));
        UDF2<Long, scala.collection.Seq<Double>, double[]> f = (id, xs) -> {
            double[] v = new double[xs.length()];
            for (int i = 0; i < v.length; i++) v[i] = xs.apply(i);
            fitted.applyRow(v, 0, v.length, Long.toString(id));
            return v;
        };
        var udf = udf(f, DataTypes.createArrayType(DataTypes.DoubleType, false));
        Dataset<Row> nodes = g.nodes().withColumn(GraphTables.FEATURES, udf.apply(col(GraphTables.ID), col(GraphTables.FEATURES)));
        // validate the rule on every row before any training (row-sum refuses signed rows): materialise once
        nodes = nodes.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        try {
            nodes.count();
        } catch (Exception e) {   // Spark rethrows task failures as the checked SparkException
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof FeatureNorm.RefusedException r) throw new GraphSchemaException("nodes: " + r.getMessage());
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        return new GraphTables(nodes, g.edges(), g.numFeatures(), g.numClasses());
    }

    /** Column sums over the training rows. */
    static FeatureNorm.Stats stats(GraphTables g) {
        int f = g.numFeatures();
        return g.nodes().filter(col(GraphTables.SPLIT).equalTo("train")).select(GraphTables.FEATURES).javaRDD()
                .aggregate(new FeatureNorm.Stats(f), (s, r) -> {
                    List<Double> xs = r.getList(0);
                    double[] v = new double[xs.size()];
                    for (int i = 0; i < v.length; i++) v[i] = xs.get(i);
                    return s.add(v);
                }, FeatureNorm.Stats::merge);
    }

}
