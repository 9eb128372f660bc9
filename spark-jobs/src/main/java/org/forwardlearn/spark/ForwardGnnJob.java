package org.forwardlearn.spark;

import java.util.Map;

import java.io.PrintStream;
import java.net.URL;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.forwardlearn.core.train.LayerReport;
import org.forwardlearn.spark.input.GraphReader;
import org.forwardlearn.spark.input.GraphSchemaException;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.metrics.SparkMetricsListener;
import org.forwardlearn.spark.output.RunOutputs;
import org.forwardlearn.spark.train.DistributedSfTrainer;
import org.forwardlearn.spark.train.SfRun;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The spark-submit entry point: reads and validates the graph, trains SF layer by layer on the cluster and
 * writes {@code OUT/predictions} (Parquet), {@code OUT/model.flck} (core checkpoint), {@code OUT/result.json}
 * and the per-layer state under {@code OUT/_state} (used to resume a killed job). Options: {@link JobArgs}
 * ({@code --help}). Exit codes: 0 done, 1 failed run, 2 usage error (one line on stderr).
 */
public final class ForwardGnnJob {
    private static final Logger LOG = LogManager.getLogger(ForwardGnnJob.class);
    static final String LOG_CONFIG = "org/forwardlearn/spark/job-log4j2.properties";

    private ForwardGnnJob() {}

    /** The spark-submit program (like the CLI's {@code Main}, the one place that exits; embedders call {@link #run}). */
    public static void main(String[] args) {
        int code = execute(args, System.out, System.err, null);
        if (code != 0) System.exit(code);
    }

    /**
     * Parses, runs and prints the result table; returns the exit code (0 done, 1 bad input, 2 usage error). With
     * {@code session} null a session is built (and stopped at the end) and the job's logging config applied; with a
     * session given (tests, notebooks) both are left as they are.
     */
    static int execute(String[] args, PrintStream out, PrintStream err, SparkSession session) {
        JobArgs a;
        try {
            a = JobArgs.parse(args);
        } catch (ParameterException e) {
            err.println("ForwardGnnJob: " + e.getMessage() + " (see --help)");
            return 2;
        }
        if (a.helpRequested()) {
            JobArgs.commandLine(new JobArgs()).usage(out);
            return 0;
        }
        SparkSession spark = session;
        if (spark == null) {
            boolean own = configureLogging();
            SparkSession.Builder b = SparkSession.builder().appName("forwardlearn-sf-" + a.config().conv());
            // Spark re-initialises its logging while the context starts (its default profile, Spark at INFO); spark.log.level
            // keeps that start quiet, and the job's config is applied again once the session is up.
            if (own && System.getProperty("spark.log.level") == null) b = b.config("spark.log.level", "WARN");
            spark = b.getOrCreate();
            if (own) configureLogging();
        }
        try {
            SfRun run = run(spark, a);
            out.print(resultTable(a, run));
            return 0;
        } catch (GraphSchemaException e) {
            err.println("ForwardGnnJob: " + e.getMessage());
            return 1;
        } finally {
            if (session == null) spark.stop();
        }
    }

    /** The job's log4j2 config (Spark at WARN, forwardlearn at INFO), unless the user gave one with -Dlog4j2.configurationFile. */
    static boolean configureLogging() {
        if (System.getProperty("log4j2.configurationFile") != null) return false;
        URL u = ForwardGnnJob.class.getClassLoader().getResource(LOG_CONFIG);
        try {
            if (u == null) return false;
            Configurator.reconfigure(u.toURI());
            return true;
        } catch (java.net.URISyntaxException | RuntimeException | LinkageError e) {
            return false; // no log4j-core at run time (or an unreadable resource): keep whatever logging is in place
        }
    }

    /** Runs the job in an existing session (tests, notebooks) and writes every output. */
    public static SfRun run(SparkSession spark, JobArgs a) {
        SparkMetricsListener metrics = new SparkMetricsListener();
        spark.sparkContext().addSparkListener(metrics);
        try {
            long t0 = System.nanoTime();
            GraphTables g = org.forwardlearn.spark.input.FeatureNormalization.apply(
                    GraphReader.read(spark, a.nodes(), a.edges(), a.format()), a.featuresNorm());
            LOG.info("graph {}: {} features, {} classes, read and validated in {} s", a.datasetId(), g.numFeatures(), g.numClasses(),
                    String.format("%.1f", (System.nanoTime() - t0) / 1e9));
            SfRun run = DistributedSfTrainer.fit(spark, g, a.config(), a.out(), a.datasetId(), new JobProgress(10));
            SparkMetricsListener.drain(spark.sparkContext());
            RunOutputs.write(spark, a.out(), run, metrics, Map.of("features_norm", a.featuresNorm().id()));
            return run;
        } finally {
            spark.sparkContext().removeSparkListener(metrics);
        }
    }

    /** The table printed at the end of a run: one row per layer trained in this run, then the accuracies. */
    static String resultTable(JobArgs a, SfRun run) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("forwardlearn SF-%s, %d layers x %d, %d partitions (%s, edge cut %.3f)%n", run.config().conv().toUpperCase(),
                run.config().layers(), run.config().hidden(), run.config().partitions(), run.config().partitioner(),
                run.partitionReport().edgeCut()));
        b.append(String.format("%-6s %8s %11s %9s %10s%n", "layer", "epochs", "best epoch", "best val", "seconds"));
        for (LayerReport r : run.training().layers()) {
            b.append(String.format("%-6d %8d %11d %9.4f %10.1f%n", r.layer(), r.epochs(), r.bestEpoch(), r.bestMetric(),
                    run.layerSeconds()[r.layer()]));
        }
        b.append(String.format("accuracy: train %.4f, val %.4f, test %.4f%n", run.trainAccuracy(), run.valAccuracy(), run.testAccuracy()));
        b.append("outputs: ").append(a.out()).append(" (predictions/, model.flck, result.json)").append(System.lineSeparator());
        return b.toString();
    }
}
