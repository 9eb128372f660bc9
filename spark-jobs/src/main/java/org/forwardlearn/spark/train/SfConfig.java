package org.forwardlearn.spark.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.forwardlearn.core.train.TrainerConfig;

/**
 * Immutable configuration of a distributed single-forward (SF) run.
 *
 * @param conv        "gcn" or "sage"
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
        if (!conv.equals("gcn") && !conv.equals("sage")) throw new IllegalArgumentException("Expected conv gcn|sage (got '" + conv + "')");
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
