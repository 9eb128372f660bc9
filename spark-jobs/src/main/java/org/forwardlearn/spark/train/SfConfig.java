package org.forwardlearn.spark.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.forwardlearn.core.train.TrainerConfig;

/**
 * Immutable configuration of a distributed single-forward (SF) run.
 *
 * @param conv        "gcn", "sage" or "gat"
 * @param layers      number of graph layers (each trained greedily)
 * @param hidden      output width of every layer
 * @param tau         temperature of the prototype softmax
 * @param partitions  node partitions
 * @param partitioner "hash" or "ldg"
 * @param symmetrise  add the reverse of every edge (citation graphs are treated as undirected)
 * @param trainer     epochs, validation, patience, optimizer and seed (core's layer-wise trainer)
 */
public record SfConfig(String conv, int layers, int hidden, double tau, int partitions, String partitioner,
                       boolean symmetrise, TrainerConfig trainer) {
    public SfConfig {
        conv = conv.toLowerCase(Locale.ROOT);
        partitioner = partitioner.toLowerCase(Locale.ROOT);
        if (!conv.equals("gcn") && !conv.equals("sage") && !conv.equals("gat")) {
            throw new IllegalArgumentException("Expected conv gcn|sage|gat (got '" + conv + "')");
        }
        if (!partitioner.equals("hash") && !partitioner.equals("ldg")) {
            throw new IllegalArgumentException("Expected partitioner hash|ldg (got '" + partitioner + "')");
        }
        if (layers < 1 || hidden < 1 || partitions < 1) {
            throw new IllegalArgumentException("Expected layers, hidden and partitions >= 1 (got " + layers + ", " + hidden + ", " + partitions + ")");
        }
    }

    /** ForwardGNN's protocol: 2 GCN layers of 128, tau 1, core's trainer defaults (Adam 1e-3, wd 5e-4, patience 100). */
    public static SfConfig defaults() {
        return new SfConfig("gcn", 2, 128, 1.0, 4, "hash", true, TrainerConfig.defaults());
    }

    public long seed() { return trainer.seed(); }

    public SfConfig withConv(String v) { return new SfConfig(v, layers, hidden, tau, partitions, partitioner, symmetrise, trainer); }

    public SfConfig withLayers(int v) { return new SfConfig(conv, v, hidden, tau, partitions, partitioner, symmetrise, trainer); }

    public SfConfig withHidden(int v) { return new SfConfig(conv, layers, v, tau, partitions, partitioner, symmetrise, trainer); }

    public SfConfig withPartitions(int v) { return new SfConfig(conv, layers, hidden, tau, v, partitioner, symmetrise, trainer); }

    public SfConfig withPartitioner(String v) { return new SfConfig(conv, layers, hidden, tau, partitions, v, symmetrise, trainer); }

    public SfConfig withTrainer(TrainerConfig v) { return new SfConfig(conv, layers, hidden, tau, partitions, partitioner, symmetrise, v); }

    /**
     * The inverse of {@link #toMap} for the keys that define a model (conv, layers, hidden, tau, partitions,
     * partitioner, symmetrise, seed); training keys that are absent take core's defaults.
     */
    public static SfConfig fromMap(Map<String, String> m) {
        TrainerConfig t = TrainerConfig.defaults();
        if (m.containsKey("seed")) t = t.withSeed(Long.parseLong(m.get("seed")));
        if (m.containsKey("max_epochs")) t = t.withMaxEpochs(Integer.parseInt(m.get("max_epochs")));
        if (m.containsKey("patience")) t = t.withPatience(Integer.parseInt(m.get("patience")));
        if (m.containsKey("validate_every")) t = t.withValidateEvery(Integer.parseInt(m.get("validate_every")));
        if (m.containsKey("lr") && m.containsKey("weight_decay")) {
            t = t.withOptimizer(org.forwardlearn.core.optim.OptimizerConfig.adam(Double.parseDouble(m.get("lr")),
                    Double.parseDouble(m.get("weight_decay"))));
        }
        return new SfConfig(req(m, "conv"), Integer.parseInt(req(m, "layers")), Integer.parseInt(req(m, "hidden")),
                Double.parseDouble(req(m, "tau")), Integer.parseInt(req(m, "partitions")), req(m, "partitioner"),
                Boolean.parseBoolean(req(m, "symmetrise")), t);
    }

    private static String req(Map<String, String> m, String k) {
        String v = m.get(k);
        if (v == null) throw new IllegalArgumentException("Expected key '" + k + "' in the SF configuration (got keys " + m.keySet() + ")");
        return v;
    }

    /** Flat description for provenance, checkpoint metadata and the resume check. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>(trainer.toMap());
        m.put("method", "sf");
        m.put("conv", conv);
        m.put("layers", Integer.toString(layers));
        m.put("hidden", Integer.toString(hidden));
        m.put("tau", Double.toString(tau));
        m.put("partitions", Integer.toString(partitions));
        m.put("partitioner", partitioner);
        m.put("symmetrise", Boolean.toString(symmetrise));
        return m;
    }
}
