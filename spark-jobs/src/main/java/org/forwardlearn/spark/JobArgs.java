package org.forwardlearn.spark;

import java.util.List;
import org.forwardlearn.core.optim.OptimizerConfig;
import org.forwardlearn.core.train.TrainerConfig;
import org.forwardlearn.spark.train.SfConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Command-line options of {@link ForwardGnnJob}, parsed by picocli ({@code --help} lists them with their defaults).
 * {@link #parse} throws {@link ParameterException} with a one-line message for every usage error (unknown option,
 * missing required option, a value of the wrong type or outside its range).
 */
@Command(name = "ForwardGnnJob", sortOptions = false, usageHelpAutoWidth = true,
        description = "Layer-wise ForwardGNN single-forward (SF) training of GCN/SAGE on a graph partitioned over a Spark cluster.%n"
                + "Writes OUT/predictions (Parquet), OUT/model.flck, OUT/result.json; the same --out resumes a killed run.",
        footer = {"", "Exit codes: 0 done, 1 failed run (bad input included), 2 usage error.",
                "Logging: Spark at WARN, forwardlearn's progress at INFO (the job's log4j2 config), unless -Dlog4j2.configurationFile is set."})
public final class JobArgs {
    @Option(names = "--nodes", required = true, paramLabel = "PATH", description = "node table: id, label, split, features (Parquet) or id,label,split,f0,f1,... (CSV)")
    String nodes;
    @Option(names = "--edges", required = true, paramLabel = "PATH", description = "edge table: src, dst")
    String edges;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (any Hadoop path)")
    String out;
    @Option(names = "--format", defaultValue = "parquet", paramLabel = "parquet|csv", description = "input format (default: ${DEFAULT-VALUE})")
    String format;
    @Option(names = "--task", defaultValue = "node", paramLabel = "node", description = "task, as `forwardlearn gnn train --task` (on Spark: node classification; default: ${DEFAULT-VALUE})")
    String task;
    @Option(names = "--method", defaultValue = "sf", paramLabel = "sf", description = "forward method, as `forwardlearn gnn train --method` (on Spark: sf; default: ${DEFAULT-VALUE})")
    String method;
    @Option(names = "--conv", defaultValue = "gcn", paramLabel = "gcn|sage|gat", description = "graph layer (default: ${DEFAULT-VALUE})")
    String conv;
    @Option(names = "--layers", defaultValue = "2", paramLabel = "N", description = "graph layers, each trained greedily (default: ${DEFAULT-VALUE})")
    int layers;
    @Option(names = "--hidden", defaultValue = "128", paramLabel = "N", description = "output width of every layer (default: ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--partitions", defaultValue = "4", paramLabel = "N", description = "node partitions (default: ${DEFAULT-VALUE})")
    int partitions;
    @Option(names = "--partitioner", defaultValue = "hash", paramLabel = "hash|ldg", description = "node partitioner (default: ${DEFAULT-VALUE})")
    String partitioner;
    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--epochs", defaultValue = "1000", paramLabel = "N", description = "maximum epochs per layer (default: ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--patience", defaultValue = "100", paramLabel = "N", description = "early-stopping patience in epochs, 0 = none (default: ${DEFAULT-VALUE})")
    int patience;
    @Option(names = "--validate-every", defaultValue = "2", paramLabel = "K", description = "validate every K epochs (default: ${DEFAULT-VALUE})")
    int validateEvery;
    @Option(names = "--lr", defaultValue = "0.001", paramLabel = "X", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
    double lr;
    @Option(names = "--weight-decay", defaultValue = "0.0005", paramLabel = "X", description = "Adam weight decay (default: ${DEFAULT-VALUE})")
    double weightDecay;
    @Option(names = "--tau", defaultValue = "1", paramLabel = "X", description = "prototype softmax temperature (default: ${DEFAULT-VALUE})")
    double tau;
    @Option(names = "--directed", description = "keep edges directed (default: symmetrise)")
    boolean directed;
    @Option(names = "--features-norm", defaultValue = "none", paramLabel = "RULE",
            description = "feature normalisation before training: none|row-sum|row-l2|standardize (standardize: training-row statistics; default: ${DEFAULT-VALUE}, as for user tables locally)")
    String featuresNorm;
    @Option(names = "--dataset-id", paramLabel = "NAME", description = "dataset name for the provenance (default: the --nodes path)")
    String datasetId;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    JobArgs() {}

    /** Parses and checks the arguments; a usage error is a {@link ParameterException} (one line). */
    public static JobArgs parse(String... args) {
        JobArgs a = new JobArgs();
        CommandLine cl = commandLine(a);
        cl.parseArgs(args);
        if (!a.help) a.check(cl);
        return a;
    }

    static CommandLine commandLine(JobArgs a) {
        return new CommandLine(a).setCaseInsensitiveEnumValuesAllowed(true);
    }

    private void check(CommandLine cl) {
        oneOf(cl, "--format", format, List.of("parquet", "csv"));
        oneOf(cl, "--task", task, List.of("node"));
        oneOf(cl, "--method", method, List.of("sf"));
        oneOf(cl, "--conv", conv, List.of("gcn", "sage", "gat"));
        oneOf(cl, "--partitioner", partitioner, List.of("hash", "ldg"));
        atLeast(cl, "--layers", layers, 1);
        atLeast(cl, "--hidden", hidden, 1);
        atLeast(cl, "--partitions", partitions, 1);
        atLeast(cl, "--epochs", epochs, 1);
        atLeast(cl, "--patience", patience, 0);
        atLeast(cl, "--validate-every", validateEvery, 1);
        if (!(lr > 0)) throw new ParameterException(cl, "Expected --lr > 0 (got " + lr + ")");
        if (!(weightDecay >= 0)) throw new ParameterException(cl, "Expected --weight-decay >= 0 (got " + weightDecay + ")");
        if (!(tau > 0)) throw new ParameterException(cl, "Expected --tau > 0 (got " + tau + ")");
        try {
            org.forwardlearn.datasets.table.FeatureNorm.parse(featuresNorm);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "Expected --features-norm none|row-sum|row-l2|standardize (got '" + featuresNorm + "')");
        }
    }

    private static void oneOf(CommandLine cl, String opt, String v, List<String> allowed) {
        if (!allowed.contains(v)) throw new ParameterException(cl, "Expected " + opt + " " + String.join("|", allowed) + " (got '" + v + "')");
    }

    private static void atLeast(CommandLine cl, String opt, long v, long min) {
        if (v < min) throw new ParameterException(cl, "Expected " + opt + " >= " + min + " (got " + v + ")");
    }

    public boolean helpRequested() { return help; }
    public String nodes() { return nodes; }
    public String edges() { return edges; }
    public String out() { return out; }
    public String format() { return format; }
    /** The feature normalisation applied before training. */
    public org.forwardlearn.datasets.table.FeatureNorm featuresNorm() {
        return org.forwardlearn.datasets.table.FeatureNorm.parse(featuresNorm);
    }
    public String datasetId() { return datasetId == null ? nodes : datasetId; }

    /** The run's configuration. */
    public SfConfig config() {
        TrainerConfig t = TrainerConfig.defaults().withMaxEpochs(epochs).withPatience(patience).withValidateEvery(validateEvery)
                .withOptimizer(OptimizerConfig.adam(lr, weightDecay)).withSeed(seed);
        return new SfConfig(conv, layers, hidden, tau, partitions, partitioner, !directed, t);
    }
}
