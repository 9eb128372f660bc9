package org.forwardlearn.spark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.forwardlearn.spark.input.GraphConversion;

/**
 * A streaming contextual-SBM generator for graphs that do not fit the driver: every Spark partition draws its
 * own nodes and out-edges from a generator seeded by (seed, node id), and both tables are written as Parquet
 * in the job's input layout. Node i has class i mod C, features mu_c + N(0, 1) per coordinate (class means
 * N(0, signal^2 / F) per coordinate, from the seed), split train/val/test 60/20/20 by a hash of the id.
 * Each node draws degree/2 out-edges (the job symmetrises them, giving about {@code degree} directed edges
 * per node), to a uniform node of its own class with probability {@code homophily}, else of another class.
 */
public final class CsbmParquet {
    private CsbmParquet() {}

    /** Writes DIR/nodes and DIR/edges; returns the number of edge rows written (before symmetrisation). */
    public static long write(SparkSession spark, long nodes, int classes, int features, int degree, double homophily,
                             double signal, long seed, String dir, int slices) {
        Random mr = new Random(seed);
        double[] mu = new double[classes * features];
        for (int i = 0; i < mu.length; i++) mu[i] = mr.nextGaussian() * signal / Math.sqrt(features);
        long perClass = nodes / classes;
        JavaRDD<Long> ids = spark.range(0, nodes, 1, slices).toJavaRDD().map(Long::longValue);
        JavaRDD<Row> nodeRows = ids.map(id -> {
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + id);
            int c = (int) (id % classes);
            double[] f = new double[features];
            for (int j = 0; j < features; j++) f[j] = mu[c * features + j] + gaussian(r);
            double u = r.nextDouble();
            return RowFactory.create(id, c, u < 0.6 ? "train" : u < 0.8 ? "val" : "test", f);
        });
        spark.createDataFrame(nodeRows, GraphConversion.nodeSchema()).write().mode("overwrite").parquet(dir + "/nodes");
        JavaRDD<Row> edgeRows = ids.flatMap(id -> {
            SplittableRandom r = new SplittableRandom(~(seed * 0xC2B2AE3D27D4EB4FL + id));
            int c = (int) (id % classes);
            List<Row> out = new ArrayList<>(degree / 2);
            for (int k = 0; k < degree / 2; k++) {
                int tc = r.nextDouble() < homophily || classes == 1 ? c : (c + 1 + r.nextInt(classes - 1)) % classes;
                long dst = tc + classes * r.nextLong(perClass);
                if (dst != id && dst < nodes) out.add(RowFactory.create(id, dst));
            }
            return out.iterator();
        });
        spark.createDataFrame(edgeRows, GraphConversion.edgeSchema()).write().mode("overwrite").parquet(dir + "/edges");
        return spark.read().parquet(dir + "/edges").count();
    }

    private static double gaussian(SplittableRandom r) {   // Box-Muller (SplittableRandom has no nextGaussian in Java 17)
        double u1 = r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(Math.max(u1, 1e-300))) * Math.cos(2 * Math.PI * u2);
    }
}
