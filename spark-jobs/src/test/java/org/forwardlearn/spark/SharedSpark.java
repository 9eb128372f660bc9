package org.forwardlearn.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.datasets.graph.Graph;

/** One local[2] session for every test class of the module's JVM (loopback only; no UI). */
public final class SharedSpark {
    private static SparkSession spark;
    private static Graph cora;

    private SharedSpark() {}

    public static synchronized SparkSession get() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("spark-jobs-tests")
                    .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "4").getOrCreate();
        }
        return spark;
    }

    public static Path dataDir() { return Path.of(System.getProperty("forwardlearn.data", "../../shared/datasets")); }

    /** Planetoid Cora with its public split (140 / 500 / 1000). */
    public static synchronized Graph cora() {
        if (cora == null) cora = Datasets.loadGraph("cora", dataDir());
        return cora;
    }
}
