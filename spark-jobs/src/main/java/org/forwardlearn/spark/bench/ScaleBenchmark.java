package org.forwardlearn.spark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.forwardlearn.core.train.TrainerConfig;
import org.forwardlearn.datasets.generate.Csbm;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.spark.input.GraphConversion;
import org.forwardlearn.spark.input.GraphReader;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.metrics.PhaseMetrics;
import org.forwardlearn.spark.metrics.SparkMetricsListener;
import org.forwardlearn.spark.train.DistributedSfTrainer;
import org.forwardlearn.spark.train.SfConfig;
import org.forwardlearn.spark.train.SfRun;

/**
 * Scale benchmark (a command, not a test): contextual-SBM graphs from the datasets generator with 64
 * features and average degree 10, one per requested edge count; 2 SF-GCN layers of 64, a fixed number of
 * epochs (no early stopping), 4 hash partitions. Prints one Markdown row per graph and layer: wall time,
 * shuffle bytes (Spark task metrics), peak executor memory, and per-step communication (broadcast payload
 * and task-result bytes per step job).
 * With {@code --parquet DIR} the graphs come from the streaming {@link CsbmParquet} generator (written to
 * DIR/csbm-EDGES, then read back and validated like the job's input), so the driver never holds the graph.
 * <pre>java -cp CP org.forwardlearn.spark.bench.ScaleBenchmark [master] [epochs] [--parquet DIR] edges...</pre>
 */
public final class ScaleBenchmark {
    private ScaleBenchmark() {}

    public static void main(String[] args) {
        String master = args.length > 0 ? args[0] : "local[2]";
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        List<Long> sizes = new ArrayList<>();
        String parquet = null;
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--parquet")) parquet = args[++i];
            else sizes.add((long) Double.parseDouble(args[i]));
        }
        if (sizes.isEmpty()) sizes = List.of(100_000L, 1_000_000L);
        SparkSession spark = SparkSession.builder().master(master).appName("forwardlearn-scale-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.executor.metrics.pollingInterval", "200ms")
                .getOrCreate();
        System.out.println("| input | edge rows in input | nodes | layer | wall s | step jobs | s/step | shuffle write | shuffle read | step result B/job | broadcast B/step | peak exec mem | peak heap | test acc |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        try {
            for (long edges : sizes) run(spark, edges, epochs, parquet);
        } finally {
            spark.stop();
        }
    }

    private static void run(SparkSession spark, long edges, int epochs, String parquet) {
        int degree = 10;
        long nodes = edges / degree;
        GraphTables t;
        String name = "csbm-" + edges, input;
        if (parquet == null) {
            Graph g = Csbm.builder().nodes((int) nodes).classes(4).features(64).averageDegree(degree, 0.8).seed(1).build().generate(name);
            // Before NodeSplit.RANDOM_SPLIT_SALT, equal seeds replayed Csbm's class shuffle and gave a class-aligned
            // split (the "0.0 on 1e5" of the first table), hence a split seed != the generator seed. The salt changed
            // every NodeSplit.random split, so figures measured before it used a different (random) split.
            NodeSplit split = NodeSplit.random(g.labels(), 0.6, 0.2, 1_000_003);
            t = GraphConversion.tables(spark, g, split, 8);
            input = "in-memory";
        } else {
            String dir = parquet + "/" + name;
            CsbmParquet.write(spark, nodes, 4, 64, degree, 0.8, 1.0, 1, dir, Math.max(8, (int) (nodes / 50_000)));
            t = GraphReader.read(spark, dir + "/nodes", dir + "/edges", "parquet");
            input = "parquet";
        }
        SparkMetricsListener m = new SparkMetricsListener();
        spark.sparkContext().addSparkListener(m);
        TrainerConfig tc = TrainerConfig.defaults().withMaxEpochs(epochs).withPatience(0).withSeed(1);
        SfConfig cfg = SfConfig.defaults().withHidden(64).withPartitions(4).withTrainer(tc);
        SfRun run = DistributedSfTrainer.fit(spark, t, cfg, null, name, null);
        SparkMetricsListener.drain(spark.sparkContext());
        long directed = run.partitionReport().edges();
        for (int l = 0; l < cfg.layers(); l++) {
            PhaseMetrics all = m.total("layer-" + l + "/"), steps = m.total("layer-" + l + "/train");
            System.out.println(String.format(Locale.ROOT, "| %s | %,d | %,d | %d | %.1f | %d | %.3f | %s | %s | %,d | %,d | %s | %s | %.4f |",
                    input, directed, nodes, l, run.layerSeconds()[l], steps.jobs(),
                    run.training().layers().get(l).seconds() / Math.max(1, steps.jobs()), mb(all.shuffleWriteBytes()),
                    mb(all.shuffleReadBytes()), steps.jobs() == 0 ? 0 : steps.resultBytes() / steps.jobs(),
                    run.stepBroadcastBytes(), mb(all.peakExecutionMemory()), mb(all.peakJvmHeap()), run.testAccuracy()));
        }
        spark.sparkContext().removeSparkListener(m);
        run.rows().unpersist(false);
        t.nodes().unpersist();
        t.edges().unpersist();
    }

    private static String mb(long b) { return String.format(Locale.ROOT, "%.1f MB", b / 1e6); }
}
