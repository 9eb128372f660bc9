package org.forwardlearn.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.forwardlearn.core.optim.OptimizerConfig;
import org.forwardlearn.core.train.TrainerConfig;
import org.forwardlearn.spark.train.SfConfig;

/**
 * Command-line options of {@link ForwardGnnJob}: {@code --name value} pairs and the flag {@code --directed}.
 * Unknown options and missing required ones fail with "Expected ... (got ...)".
 */
public record JobArgs(String nodes, String edges, String out, String format, String datasetId, SfConfig config) {
    private static final Set<String> KNOWN = Set.of("nodes", "edges", "out", "format", "conv", "layers", "hidden", "partitions",
            "partitioner", "seed", "epochs", "patience", "validate-every", "lr", "weight-decay", "tau", "dataset-id", "directed");

    public static final String USAGE = "ForwardGnnJob --nodes PATH --edges PATH --out DIR [--format parquet|csv] [--conv gcn|sage]"
            + " [--layers 2] [--hidden 128] [--partitions 4] [--partitioner hash|ldg] [--seed 0] [--epochs 1000]"
            + " [--patience 100] [--validate-every 2] [--lr 0.001] [--weight-decay 0.0005] [--tau 1] [--directed]"
            + " [--dataset-id NAME]";

    public static JobArgs parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !KNOWN.contains(a.substring(2))) {
                throw new IllegalArgumentException("Expected one of --" + String.join(", --", KNOWN) + " (got '" + a + "'). Usage: " + USAGE);
            }
            String k = a.substring(2);
            if (k.equals("directed")) { m.put(k, "true"); continue; }
            if (i + 1 >= args.length) throw new IllegalArgumentException("Expected a value after " + a + " (got the end of the arguments)");
            m.put(k, args[++i]);
        }
        for (String req : new String[] {"nodes", "edges", "out"}) {
            if (!m.containsKey(req)) throw new IllegalArgumentException("Expected --" + req + " (got none). Usage: " + USAGE);
        }
        TrainerConfig t = TrainerConfig.defaults()
                .withMaxEpochs(i(m, "epochs", 1000)).withPatience(i(m, "patience", 100)).withValidateEvery(i(m, "validate-every", 2))
                .withOptimizer(OptimizerConfig.adam(d(m, "lr", 1e-3), d(m, "weight-decay", 5e-4)))
                .withSeed(Long.parseLong(m.getOrDefault("seed", "0")));
        SfConfig c = new SfConfig(m.getOrDefault("conv", "gcn"), i(m, "layers", 2), i(m, "hidden", 128), d(m, "tau", 1.0),
                i(m, "partitions", 4), m.getOrDefault("partitioner", "hash"), !m.containsKey("directed"), t);
        return new JobArgs(m.get("nodes"), m.get("edges"), m.get("out"), m.getOrDefault("format", "parquet"),
                m.getOrDefault("dataset-id", m.get("nodes")), c);
    }

    private static int i(Map<String, String> m, String k, int def) {
        try {
            return m.containsKey(k) ? Integer.parseInt(m.get(k)) : def;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Expected an integer for --" + k + " (got '" + m.get(k) + "')");
        }
    }

    private static double d(Map<String, String> m, String k, double def) {
        try {
            return m.containsKey(k) ? Double.parseDouble(m.get(k)) : def;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Expected a number for --" + k + " (got '" + m.get(k) + "')");
        }
    }
}
