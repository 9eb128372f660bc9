package org.forwardlearn.forwardgnn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.optim.OptimizerConfig;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.core.train.LayerwiseTrainer;
import org.forwardlearn.core.train.Schedule;
import org.forwardlearn.core.train.TrainerConfig;
import org.forwardlearn.core.train.TrainingResult;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.linkpred.LinkExperiment;
import org.forwardlearn.forwardgnn.nodeclass.NodeMethods;

/**
 * Runs one experiment described by a {@link GnnConfig}: loads the graph (features row-normalised to
 * sum 1), makes the split, trains with core's {@link LayerwiseTrainer} (greedy, per-layer Adam, early
 * stopping, best weights restored) and evaluates. Progress goes to the listener only.
 */
public final class GnnExperiment {
    private static final Logger LOG = LogManager.getLogger(GnnExperiment.class);
    private final GnnConfig config;

    public GnnExperiment(GnnConfig config) { this.config = config; }

    public GnnConfig config() { return config; }

    /** The loaded dataset's public split (Planetoid), if it has one; set by {@link #loadGraph()}. */
    private Split publicSplit;

    /** Loads the configured graph with features row-normalised to sum 1. */
    public GraphData loadGraph() {
        if (config.graph() != null) return config.graph().withRowSumNormalizedFeatures();
        Path dir = config.dataDir() != null ? config.dataDir() : Datasets.defaultDataDir();
        org.forwardlearn.datasets.graph.Graph raw = Datasets.loadGraph(config.dataset(), dir);
        publicSplit = raw.publicSplit().map(p -> new Split(p.train(), p.val(), p.test())).orElse(null);
        return GraphData.from(raw).withRowSumNormalizedFeatures();
    }

    /** The split to train on: ForwardGNN's seeded split {@code config.split()}, or the dataset's public split for -1. */
    private Split split(GraphData g) {
        if (config.split() < 0 && publicSplit != null) return publicSplit;
        if (config.split() < 0 && g.publicSplit() != null) return g.publicSplit();
        return split(config, g);
    }

    /**
     * The split a configuration trains on: ForwardGNN's seeded split {@code cfg.split()} (0..4), or, for -1, the
     * public split of the named dataset (Planetoid), read from the data folder.
     */
    public static Split split(GnnConfig cfg, GraphData g) {
        if (cfg.split() >= 0) return nodeSplit(g, cfg.split(), cfg.seed());
        if (g.publicSplit() != null) return g.publicSplit();
        Path dir = cfg.dataDir() != null ? cfg.dataDir() : Datasets.defaultDataDir();
        org.forwardlearn.datasets.graph.NodeSplit p = Datasets.isGraph(cfg.dataset())
                ? Datasets.loadGraph(cfg.dataset(), dir).publicSplit().orElse(null) : null;
        if (p == null) {
            throw new IllegalArgumentException("Expected a dataset with a public split for split -1, e.g. cora or citeseer (got '"
                    + cfg.dataset() + "', which has none)");
        }
        return new Split(p.train(), p.val(), p.test());
    }

    /** The trainer configuration: patience in validations is converted to epochs for core's trainer. */
    public TrainerConfig trainerConfig() {
        return new TrainerConfig(config.epochs(), config.validateEvery(), config.patience() * config.validateEvery(), true,
                Schedule.GREEDY, OptimizerConfig.adam(config.lr(), config.weightDecay()), config.seed());
    }

    /** The ForwardGNN node split {@code config.split()} (64/16/20, seeded by the config's seed). */
    public static Split nodeSplit(GraphData g, int index, long seed) {
        NodeSplit s = NodeSplit.forwardGnn(g.labels(), index, seed);
        return new Split(s.train(), s.val(), s.test());
    }

    public GnnResult run(TrainingListener listener) {
        GraphData g = loadGraph();
        LOG.info("Running {} {} x{} on {} ({} nodes, {} edges)", config.method(), config.conv(), config.layers(), g.id(),
                g.numNodes(), g.topology().numEdges());
        if (config.task().equals("link")) return new LinkExperiment(config, this).run(g, listener);
        Split split = split(g);
        Random rng = new Random(config.seed() * 31 + config.split());
        NodeMethods.Built built = NodeMethods.build(config, g, split, rng);
        RunProvenance prov = provenance();
        long t0 = System.nanoTime();
        TrainingResult tr = new LayerwiseTrainer(trainerConfig().withSchedule(built.schedule())).fit(built.problem(), listener, 0, prov);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        GnnModel model = new GnnModel(built.convs(), built.extras(), metadata());
        GnnResult result = new GnnResult(config, built.testAccuracy(), built.valAccuracy(), Double.NaN, Double.NaN, Double.NaN,
                built.layerMetrics(), seconds, tr, built.predictions(), model, tr.provenance());
        return built.problem() instanceof org.forwardlearn.forwardgnn.nodeclass.NodeProblem np
                ? result.withMemoryLedger(MemoryLedger.of(g, np)) : result;
    }

    public RunProvenance provenance() {
        Map<String, String> c = new java.util.LinkedHashMap<>(config.toMap());
        c.put("threads", Integer.toString(org.forwardlearn.core.kernel.Parallel.threads()));
        return RunProvenance.start(config.task().equals("node") ? "gnn-node-classification" : "gnn-link-prediction",
                c, config.seed(), config.dataset(), "", org.forwardlearn.forwardgnn.graph.Dense.backend());
    }

    public Map<String, String> metadata() {
        Map<String, String> m = new HashMap<>(config.toMap());
        m.put("module", "forwardgnn");
        return m;
    }

    static List<GraphConv> copies(List<GraphConv> convs) {
        List<GraphConv> c = new ArrayList<>();
        for (GraphConv g : convs) c.add(g.copy());
        return c;
    }
}
