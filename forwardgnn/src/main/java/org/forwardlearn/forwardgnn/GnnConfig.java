package org.forwardlearn.forwardgnn;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.layer.ConvRegistry;
import org.forwardlearn.forwardgnn.linkpred.LinkMethods;
import org.forwardlearn.forwardgnn.nodeclass.NodeMethods;

/**
 * An immutable, typed experiment description in groups. Start from {@link #defaults()} (the ForwardGNN protocol;
 * every default value is written there once) and change fields with the {@code with...} methods; the flat accessors
 * ({@link #conv()}, {@link #epochs()}, ...) read the groups.
 *
 * @param task         node classification or link prediction
 * @param method       a method of the task's registry ({@link NodeMethods}, {@link LinkMethods})
 * @param architecture conv, depth, width
 * @param optimisation epochs, validation cadence, patience, Adam
 * @param options      method-specific constants (SF temperature, FF threshold, SymBa sharpness, virtual-edge direction)
 * @param splitting    which split of which protocol
 * @param seed         seeds the split, the weights and every random choice
 * @param data         where {@link GnnExperiment} loads the graph from when no {@link GraphInput} is given (the trainers
 *                     {@link NodeTrainer} and {@link LinkTrainer} take the data in {@code fit} and ignore this)
 */
public record GnnConfig(Task task, String method, Architecture architecture, Optimisation optimisation, MethodOptions options,
                        Splitting splitting, long seed, DataSource data) {
    /**
     * @param conv   a {@link ConvRegistry} name: "gcn", "sage", "gat" or a registered conv
     * @param layers number of graph layers (&gt;= 1)
     * @param hidden width of every layer (a multiple of the conv's {@code widthMultiple}, 4 for gat)
     */
    public record Architecture(String conv, int layers, int hidden) {
        public Architecture {
            ConvRegistry.get(conv);
            if (layers < 1) throw new IllegalArgumentException("Expected layers >= 1 (got " + layers + ")");
            ConvRegistry.checkWidth(conv, hidden);
        }
    }

    /**
     * @param epochs        maximum epochs per layer
     * @param validateEvery validate every k epochs
     * @param patience      validations without improvement before a layer stops (the reference implementation counts
     *                      validations; {@link #patienceEpochs()} is core's patience, in epochs)
     * @param lr            Adam learning rate
     * @param weightDecay   Adam (L2) weight decay
     */
    public record Optimisation(int epochs, int validateEvery, int patience, double lr, double weightDecay) {
        public Optimisation {
            if (epochs < 1 || validateEvery < 1 || patience < 0) {
                throw new IllegalArgumentException("Expected epochs >= 1, validateEvery >= 1, patience >= 0 (got " + epochs + ", "
                        + validateEvery + ", " + patience + ")");
            }
            if (!(lr > 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("Expected lr > 0 and weight decay >= 0 (got " + lr + ", " + weightDecay + ")");
            }
        }

        /** The patience in epochs, as core's trainer counts it: validations x validateEvery. */
        public int patienceEpochs() { return patience * validateEvery; }
    }

    /**
     * @param tau           SF softmax temperature
     * @param theta         forward-forward threshold
     * @param alpha         SymBa sharpness
     * @param bidirectional virtual edges both ways; false: only training node -&gt; its virtual node
     */
    public record MethodOptions(double tau, double theta, double alpha, boolean bidirectional) { }

    /**
     * @param protocol {@link SplitProtocol#NAMES} (default "forwardgnn")
     * @param index    split index (0..4 for the ForwardGNN protocol; -1 = the dataset's public split, e.g. Planetoid)
     */
    public record Splitting(String protocol, int index) {
        public Splitting {
            SplitProtocol.check(protocol);
            if (index < -1) throw new IllegalArgumentException("Expected split >= 0, or -1 for the public split (got " + index + ")");
        }
    }

    /**
     * @param dataset dataset name for {@code Datasets.loadGraph} (ignored when {@code graph} is set)
     * @param graph   an in-memory graph to use instead of a named dataset, or null
     * @param dataDir data folder, or null for {@code Datasets.defaultDataDir()}
     */
    public record DataSource(String dataset, GraphData graph, Path dataDir) {
        public DataSource {
            if (graph == null && (dataset == null || dataset.isEmpty())) {
                throw new IllegalArgumentException("Expected a dataset name or a graph (got neither)");
            }
        }
    }

    public GnnConfig {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(optimisation, "optimisation");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(splitting, "splitting");
        Objects.requireNonNull(data, "data");
        if (task == Task.NODE) NodeMethods.get(method); else LinkMethods.get(method);   // "Expected method one of [...] (got ...)"
        if (task == Task.LINK && !splitting.protocol().equals(SplitProtocol.FORWARD_GNN)) {
            throw new IllegalArgumentException("Expected split protocol " + SplitProtocol.FORWARD_GNN + " for the link task (got '"
                    + splitting.protocol() + "')");
        }
    }

    /** The node-classification methods ({@link NodeMethods}, the one registry of them), in registration order. */
    public static List<String> nodeMethods() { return NodeMethods.names(); }
    /** The link-prediction methods ({@link LinkMethods}). */
    public static List<String> linkMethods() { return LinkMethods.names(); }
    /** The graph convolutions ({@link ConvRegistry}: built-ins and registered or ServiceLoader-provided convs). */
    public static List<String> convs() { return ConvRegistry.names(); }

    /** The dataset of {@link #defaults()}. */
    public static final String DEFAULT_DATASET = "citationfull-cora_ml";

    /**
     * ForwardGNN's protocol, every default written here once: SF, GCN, 2 layers, hidden 128; 1000 epochs per layer,
     * validate every 2, patience 100 validations, Adam(1e-3, weight decay 5e-4); tau 1, theta 2, alpha 4, virtual edges
     * both ways; split 0 of the forwardgnn protocol; seed 100; CitationFull Cora_ML.
     */
    public static GnnConfig defaults() {
        return new GnnConfig(Task.NODE, Task.NODE.defaultMethod(), new Architecture("gcn", 2, 128), new Optimisation(1000, 2, 100, 1e-3, 5e-4),
                new MethodOptions(1.0, 2.0, 4.0, true), new Splitting(SplitProtocol.FORWARD_GNN, 0), DEFAULT_SEED,
                new DataSource(DEFAULT_DATASET, null, null));
    }

    /** The default seed of every GNN run (library, CLI, benchmarks). */
    public static final long DEFAULT_SEED = 100;

    /**
     * True when this method trains greedily, stops each layer early on the model made of layers 0..l, and draws its
     * fixed randomness independently of the depth: then the d-layer run is exactly the first d layers of a deeper run
     * with the same configuration (its {@link GnnResult#layerMetrics()} row d-1 and the first d layers' times), which
     * {@code forwardlearn gnn table} uses to get depths 1..D from one D-layer run. Top-down methods and BP are not.
     */
    public boolean depthPrefix() {
        return task == Task.NODE ? NodeMethods.get(method).depthPrefix() : LinkMethods.get(method).depthPrefix();
    }

    // flat accessors over the groups
    public String conv() { return architecture.conv(); }
    public int layers() { return architecture.layers(); }
    public int hidden() { return architecture.hidden(); }
    public int epochs() { return optimisation.epochs(); }
    public int patience() { return optimisation.patience(); }
    public int validateEvery() { return optimisation.validateEvery(); }
    public double lr() { return optimisation.lr(); }
    public double weightDecay() { return optimisation.weightDecay(); }
    public double tau() { return options.tau(); }
    public double theta() { return options.theta(); }
    public double alpha() { return options.alpha(); }
    public boolean bidirectional() { return options.bidirectional(); }
    public int split() { return splitting.index(); }
    public String splitProtocol() { return splitting.protocol(); }
    public String dataset() { return data.dataset(); }
    public GraphData graph() { return data.graph(); }
    public Path dataDir() { return data.dataDir(); }

    public GnnConfig withTask(Task v) {
        boolean known = v == Task.NODE ? NodeMethods.contains(method) : LinkMethods.contains(method);
        return new GnnConfig(v, known ? method : v.defaultMethod(), architecture, optimisation, options, splitting, seed, data);
    }
    /** {@link #withTask(Task)} by id ("node" or "link"). */
    public GnnConfig withTask(String v) { return withTask(Task.parse(v)); }
    public GnnConfig withMethod(String v) { return new GnnConfig(task, v, architecture, optimisation, options, splitting, seed, data); }
    public GnnConfig withArchitecture(Architecture v) { return new GnnConfig(task, method, v, optimisation, options, splitting, seed, data); }
    public GnnConfig withOptimisation(Optimisation v) { return new GnnConfig(task, method, architecture, v, options, splitting, seed, data); }
    public GnnConfig withOptions(MethodOptions v) { return new GnnConfig(task, method, architecture, optimisation, v, splitting, seed, data); }
    public GnnConfig withSplitting(Splitting v) { return new GnnConfig(task, method, architecture, optimisation, options, v, seed, data); }
    public GnnConfig withSeed(long v) { return new GnnConfig(task, method, architecture, optimisation, options, splitting, v, data); }

    public GnnConfig withConv(String v) { return withArchitecture(new Architecture(v, layers(), hidden())); }
    public GnnConfig withLayers(int v) { return withArchitecture(new Architecture(conv(), v, hidden())); }
    public GnnConfig withHidden(int v) { return withArchitecture(new Architecture(conv(), layers(), v)); }
    public GnnConfig withEpochs(int v) { Optimisation o = optimisation; return withOptimisation(new Optimisation(v, o.validateEvery(), o.patience(), o.lr(), o.weightDecay())); }
    public GnnConfig withPatience(int v) { Optimisation o = optimisation; return withOptimisation(new Optimisation(o.epochs(), o.validateEvery(), v, o.lr(), o.weightDecay())); }
    public GnnConfig withValidateEvery(int v) { Optimisation o = optimisation; return withOptimisation(new Optimisation(o.epochs(), v, o.patience(), o.lr(), o.weightDecay())); }
    public GnnConfig withLr(double v) { Optimisation o = optimisation; return withOptimisation(new Optimisation(o.epochs(), o.validateEvery(), o.patience(), v, o.weightDecay())); }
    public GnnConfig withWeightDecay(double v) { Optimisation o = optimisation; return withOptimisation(new Optimisation(o.epochs(), o.validateEvery(), o.patience(), o.lr(), v)); }
    public GnnConfig withTau(double v) { return withOptions(new MethodOptions(v, theta(), alpha(), bidirectional())); }
    public GnnConfig withTheta(double v) { return withOptions(new MethodOptions(tau(), v, alpha(), bidirectional())); }
    public GnnConfig withAlpha(double v) { return withOptions(new MethodOptions(tau(), theta(), v, bidirectional())); }
    public GnnConfig withBidirectional(boolean v) { return withOptions(new MethodOptions(tau(), theta(), alpha(), v)); }
    public GnnConfig withSplit(int v) { return withSplitting(new Splitting(splitProtocol(), v)); }
    public GnnConfig withSplitProtocol(String v) { return withSplitting(new Splitting(v, split())); }
    private GnnConfig withData(DataSource v) { return new GnnConfig(task, method, architecture, optimisation, options, splitting, seed, v); }
    public GnnConfig withDataDir(Path v) { return withData(new DataSource(dataset(), graph(), v)); }

    /**
     * A named dataset instead of the default one. After {@link #withGraph} this is an error (it would silently drop the
     * in-memory graph): start from {@link #defaults()} again.
     */
    public GnnConfig withDataset(String v) {
        if (graph() != null) {
            throw new IllegalStateException("Expected withDataset or withGraph, not both (got withDataset('" + v + "') after withGraph('"
                    + graph().id() + "'))");
        }
        return withData(new DataSource(v, null, dataDir()));
    }

    /**
     * An in-memory graph instead of a named dataset. After {@link #withDataset} of another dataset this is an error (the
     * named dataset would be silently dropped); a graph loaded from the dataset already named (same id) is allowed.
     */
    public GnnConfig withGraph(GraphData v) {
        if (graph() == null && !DEFAULT_DATASET.equals(dataset()) && !dataset().equals(v.id())) {
            throw new IllegalStateException("Expected withDataset or withGraph, not both (got withGraph('" + v.id()
                    + "') after withDataset('" + dataset() + "'))");
        }
        return withData(new DataSource(v.id(), v, dataDir()));
    }

    /** A flat description (for provenance and result.json). */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", task.id()); m.put("dataset", dataset()); m.put("method", method); m.put("conv", conv());
        m.put("layers", Integer.toString(layers())); m.put("hidden", Integer.toString(hidden()));
        m.put("split", Integer.toString(split())); m.put("seed", Long.toString(seed));
        m.put("epochs", Integer.toString(epochs())); m.put("patience", Integer.toString(patience()));
        m.put("validate_every", Integer.toString(validateEvery())); m.put("lr", Double.toString(lr()));
        m.put("weight_decay", Double.toString(weightDecay())); m.put("tau", Double.toString(tau()));
        m.put("theta", Double.toString(theta())); m.put("alpha", Double.toString(alpha()));
        m.put("bidirectional", Boolean.toString(bidirectional()));
        m.put("split_protocol", splitProtocol());
        return m;
    }
}
