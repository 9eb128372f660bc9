package org.forwardlearn.spark;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.SparkSession;
import org.forwardlearn.core.listen.LoggingListener;
import org.forwardlearn.spark.input.GraphReader;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.metrics.SparkMetricsListener;
import org.forwardlearn.spark.output.RunOutputs;
import org.forwardlearn.spark.train.DistributedSfTrainer;
import org.forwardlearn.spark.train.SfRun;

/**
 * The spark-submit entry point: reads and validates the graph, trains SF layer by layer on the cluster and
 * writes {@code OUT/predictions} (Parquet), {@code OUT/model.flck} (core checkpoint), {@code OUT/result.json}
 * and the per-layer state under {@code OUT/_state} (used to resume a killed job). See {@link JobArgs#USAGE}.
 */
public final class ForwardGnnJob {
    private static final Logger LOG = LogManager.getLogger(ForwardGnnJob.class);

    private ForwardGnnJob() {}

    public static void main(String[] args) {
        JobArgs a = JobArgs.parse(args);
        SparkSession spark = SparkSession.builder().appName("forwardlearn-sf-" + a.config().conv()).getOrCreate();
        try {
            SfRun run = run(spark, a);
            System.out.printf("forwardlearn SF %s: %d layers, %d partitions (%s, edge cut %.3f): val %.4f, test %.4f -> %s%n",
                    a.config().conv(), a.config().layers(), a.config().partitions(), a.config().partitioner(),
                    run.partitionReport().edgeCut(), run.valAccuracy(), run.testAccuracy(), a.out());
        } finally {
            spark.stop();
        }
    }

    /** Runs the job in an existing session (tests, notebooks) and writes every output. */
    public static SfRun run(SparkSession spark, JobArgs a) {
        SparkMetricsListener metrics = new SparkMetricsListener();
        spark.sparkContext().addSparkListener(metrics);
        try {
            GraphTables g = GraphReader.read(spark, a.nodes(), a.edges(), a.format());
            LOG.info("graph {}: {} features, {} classes", a.datasetId(), g.numFeatures(), g.numClasses());
            SfRun run = DistributedSfTrainer.fit(spark, g, a.config(), a.out(), a.datasetId(), new LoggingListener());
            RunOutputs.predictions(spark, run.rows()).write().mode("overwrite").parquet(a.out() + "/predictions");
            SparkMetricsListener.drain(spark.sparkContext());
            RunOutputs.write(spark, a.out(), run, metrics);
            return run;
        } finally {
            spark.sparkContext().removeSparkListener(metrics);
        }
    }
}
