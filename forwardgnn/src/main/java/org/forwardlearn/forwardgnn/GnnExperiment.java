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
import org.forwardlearn.datasets.table.FeatureNorm;
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
    /** A user's graph with its explicit split, ids and feature rule, or null (a named dataset or {@code withGraph}). */
    private final GraphInput input;
    /** The feature rule as fitted by {@link #loadGraph()}. */
    private FeatureNorm.Fitted fitted;

    public GnnExperiment(GnnConfig config) { this(config, null); }

    /**
     * An experiment on a user's graph: its split (not a ForwardGNN split index) and its feature rule
     * ({@link GraphInput#norm()}, fitted on its training nodes) are used and recorded in provenance and in the model.
     */
    public GnnExperiment(GnnConfig config, GraphInput input) {
        this.config = input == null ? config : config.withGraph(input.graph());
        this.input = input;
    }

    /** The feature normalisation rule: the user graph's, else row-sum (ForwardGNN's protocol for the catalogue datasets). */
    public FeatureNorm featureNorm() { return input != null ? input.norm() : FeatureNorm.ROW_SUM; }

    public GnnConfig config() { return config; }

    /** The loaded dataset's public split (Planetoid), if it has one; set by {@link #loadGraph()}. */
    private Split publicSplit;

    /**
     * Loads the configured graph with its features normalised: a user graph ({@link GraphInput}) by its rule fitted on its
     * training nodes; a named dataset or a {@code withGraph} graph row-normalised to sum 1 (ForwardGNN's protocol).
     */
    public GraphData loadGraph() {
        if (input != null) {
            fitted = input.fitNorm();
            return input.normalised(fitted);
        }
        fitted = FeatureNorm.ROW_SUM.fit(null, null);
        if (config.graph() != null) return config.graph().withRowSumNormalizedFeatures();
        Path dir = config.dataDir() != null ? config.dataDir() : Datasets.defaultDataDir();
        org.forwardlearn.datasets.graph.Graph raw = Datasets.loadGraph(config.dataset(), dir);
        publicSplit = raw.publicSplit().map(p -> new Split(p.train(), p.val(), p.test())).orElse(null);
        return GraphData.from(raw).withRowSumNormalizedFeatures();
    }

    /** The split to train on: split {@code config.split()} of the config's split protocol, or the dataset's public split for -1. */
    private Split split(GraphData g) {
        if (input != null) return input.split();
        if (config.split() < 0 && publicSplit != null) return publicSplit;
        if (config.split() < 0 && g.publicSplit() != null) return g.publicSplit();
        return split(config, g);
    }

    /**
     * The split a configuration trains on: split {@code cfg.split()} of its {@link SplitProtocol} (ForwardGNN's seeded
     * 64/16/20 split by default), or, for -1, the public split of the named dataset (Planetoid), read from the data folder.
     */
    public static Split split(GnnConfig cfg, GraphData g) {
        if (cfg.split() >= 0) return SplitProtocol.split(cfg.splitProtocol(), g.labels(), cfg.split(), cfg.seed());
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
        if (config.task() == Task.LINK) return withNormExtras(new LinkExperiment(config, this).run(g, listener));
        Split split = split(g);
        Random rng = org.forwardlearn.core.random.Seeds.forSplit(config.seed(), config.split());
        NodeMethods.Built built = NodeMethods.build(config, g, split, rng);
        RunProvenance prov = provenance();
        long t0 = System.nanoTime();
        TrainingResult tr = new LayerwiseTrainer(trainerConfig().withSchedule(built.schedule())).fit(built.problem(), listener, 0, prov);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        Map<String, org.ejml.data.DMatrixRMaj> extras = new java.util.LinkedHashMap<>(built.extras());
        extras.putAll(normExtras());
        GnnModel model = new GnnModel(built.convs(), extras, metadata()).withProvenance(tr.provenance());
        GnnResult result = new GnnResult(config, built.testAccuracy(), built.valAccuracy(), Double.NaN, Double.NaN, Double.NaN,
                built.layerMetrics(), seconds, tr, built.predictions(), model, tr.provenance());
        return built.problem() instanceof org.forwardlearn.forwardgnn.nodeclass.NodeProblem np
                ? result.withMemoryLedger(MemoryLedger.of(g, np)) : result;
    }

    public RunProvenance provenance() {
        Map<String, String> c = recordedConfig();
        c.put("threads", Integer.toString(org.forwardlearn.core.kernel.Parallel.threads()));
        return RunProvenance.start(config.task() == Task.NODE ? "gnn-node-classification" : "gnn-link-prediction",
                c, config.seed(), config.dataset(), "", org.forwardlearn.forwardgnn.graph.Dense.backend());
    }

    /** The configuration as recorded: {@link GnnConfig#toMap()} plus the feature rule and, for a user graph, the split's source. */
    private Map<String, String> recordedConfig() {
        Map<String, String> m = new java.util.LinkedHashMap<>(config.toMap());
        m.put(GnnModel.FEATURES_NORM, featureNorm().id());
        if (input != null) m.put("split_source", input.splitSource());
        return m;
    }

    public Map<String, String> metadata() {
        Map<String, String> m = new HashMap<>(recordedConfig());
        m.put("module", "forwardgnn");
        return m;
    }

    /** A fitted standardize rule's statistics for the model (so that predict normalises new nodes the same way). */
    private Map<String, org.ejml.data.DMatrixRMaj> normExtras() {
        if (fitted == null || fitted.rule() != FeatureNorm.STANDARDIZE) return Map.of();
        return Map.of(GnnModel.NORM_MEAN, org.ejml.data.DMatrixRMaj.wrap(1, fitted.mean().length, fitted.mean().clone()),
                GnnModel.NORM_SCALE, org.ejml.data.DMatrixRMaj.wrap(1, fitted.scale().length, fitted.scale().clone()));
    }

    private GnnResult withNormExtras(GnnResult r) {
        Map<String, org.ejml.data.DMatrixRMaj> ex = normExtras();
        if (ex.isEmpty()) return r;
        Map<String, org.ejml.data.DMatrixRMaj> all = new java.util.LinkedHashMap<>(r.model().extras());
        all.putAll(ex);
        GnnModel m = new GnnModel(r.model().convs(), all, r.model().metadata());
        return new GnnResult(r.config(), r.testAccuracy(), r.valAccuracy(), r.testAuc(), r.valAuc(), r.testAp(), r.layerMetrics(),
                r.trainSeconds(), r.training(), r.predictions(), m, r.provenance());
    }

    static List<GraphConv> copies(List<GraphConv> convs) {
        List<GraphConv> c = new ArrayList<>();
        for (GraphConv g : convs) c.add(g.copy());
        return c;
    }
}
