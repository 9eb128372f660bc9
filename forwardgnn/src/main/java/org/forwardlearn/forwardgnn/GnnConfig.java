package org.forwardlearn.forwardgnn;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forwardlearn.forwardgnn.graph.GraphData;

/**
 * An immutable experiment description. Start from {@link #defaults()} (the ForwardGNN protocol) and
 * change fields with the {@code with...} methods.
 *
 * @param task          "node" (classification) or "link" (prediction)
 * @param dataset       dataset name for {@code Datasets.loadGraph} (ignored when {@code graph} is set)
 * @param graph         an in-memory graph to use instead of a named dataset, or null
 * @param method        see {@link #NODE_METHODS} and {@link #LINK_METHODS}
 * @param conv          "gcn", "sage" or "gat"
 * @param layers        number of graph layers (&gt;= 1)
 * @param hidden        width of every layer
 * @param split         split index (0..4 for the ForwardGNN protocol; -1 = the dataset's public split, e.g. Planetoid)
 * @param seed          seeds the split, the weights and every random choice
 * @param epochs        maximum epochs per layer
 * @param patience      validations without improvement before stopping (the reference counts validations)
 * @param validateEvery validate every k epochs
 * @param lr            Adam learning rate
 * @param weightDecay   Adam (L2) weight decay
 * @param tau           SF softmax temperature
 * @param theta         forward-forward threshold
 * @param alpha         SymBa sharpness
 * @param bidirectional virtual edges both ways; false: only training node -> its virtual node (the virtual node reads its class)
 * @param dataDir       data folder, or null for {@code Datasets.defaultDataDir()}
 * @param splitProtocol how split {@code split} (&gt;= 0) is drawn: {@link SplitProtocol#NAMES} (default "forwardgnn")
 */
public record GnnConfig(String task, String dataset, GraphData graph, String method, String conv, int layers, int hidden,
                        int split, long seed, int epochs, int patience, int validateEvery, double lr, double weightDecay,
                        double tau, double theta, double alpha, boolean bidirectional, Path dataDir, String splitProtocol) {
    public static final List<String> NODE_METHODS =
            List.of("sf", "ff-la", "ff-vn", "symba-la", "symba-vn", "sf-top-input", "sf-top-loss", "bp",
                    "lpf", "lpf-rp", "lpf-lt", "sf-rp", "sf-lt", "lpf-fp", "lpf-do", "bp-dropout");
    public static final List<String> LINK_METHODS = List.of("fl-ce", "fl-ff", "fl-symba", "fl-ce-top", "bp");
    public static final List<String> CONVS = List.of("gcn", "sage", "gat");
    /** Greedy methods whose d-layer model is the first d layers of a deeper run (see {@link #depthPrefix()}). */
    static final List<String> PREFIX_NODE_METHODS = List.of("sf", "ff-la", "ff-vn", "symba-la", "symba-vn", "lpf", "lpf-rp",
            "lpf-lt", "sf-rp", "sf-lt", "lpf-fp", "lpf-do");
    static final List<String> PREFIX_LINK_METHODS = List.of("fl-ce", "fl-ff", "fl-symba");

    public GnnConfig {
        if (!task.equals("node") && !task.equals("link")) throw new IllegalArgumentException("Expected task node|link (got '" + task + "')");
        List<String> methods = task.equals("node") ? NODE_METHODS : LINK_METHODS;
        if (!methods.contains(method)) throw new IllegalArgumentException("Expected method in " + methods + " (got '" + method + "')");
        if (!CONVS.contains(conv)) throw new IllegalArgumentException("Expected conv in " + CONVS + " (got '" + conv + "')");
        if (split < -1) throw new IllegalArgumentException("Expected split >= 0, or -1 for the public split (got " + split + ")");
        if (layers < 1) throw new IllegalArgumentException("Expected layers >= 1 (got " + layers + ")");
        if (hidden < 1 || (conv.equals("gat") && hidden % 4 != 0)) {
            throw new IllegalArgumentException("Expected hidden >= 1 (a multiple of 4 for gat) (got " + hidden + ")");
        }
        if (epochs < 1 || validateEvery < 1 || patience < 0) {
            throw new IllegalArgumentException("Expected epochs >= 1, validateEvery >= 1, patience >= 0 (got " + epochs + ", "
                    + validateEvery + ", " + patience + ")");
        }
        SplitProtocol.check(splitProtocol);
        if (task.equals("link") && !splitProtocol.equals(SplitProtocol.FORWARD_GNN)) {
            throw new IllegalArgumentException("Expected split protocol " + SplitProtocol.FORWARD_GNN + " for the link task (got '" + splitProtocol + "')");
        }
        if (graph == null && (dataset == null || dataset.isEmpty())) throw new IllegalArgumentException("Expected a dataset name or a graph (got neither)");
    }

    /**
     * True when this method trains greedily, stops each layer early on the model made of layers 0..l, and draws its
     * fixed randomness independently of the depth: then the d-layer run is exactly the first d layers of a deeper run
     * with the same configuration (its {@link GnnResult#layerMetrics()} row d-1 and the first d layers' times), which
     * {@code forwardlearn gnn table} uses to get depths 1..D from one D-layer run. Top-down methods and BP are not.
     */
    public boolean depthPrefix() {
        return (task.equals("node") ? PREFIX_NODE_METHODS : PREFIX_LINK_METHODS).contains(method);
    }

    /** SF, GCN, 2 layers, hidden 128, CitationFull Cora_ML split 0, 1000 epochs, patience 100, validate every 2, Adam(1e-3, 5e-4). */
    /** The dataset of {@link #defaults()}. */
    public static final String DEFAULT_DATASET = "citationfull-cora_ml";

    public static GnnConfig defaults() {
        return new GnnConfig("node", DEFAULT_DATASET, null, "sf", "gcn", 2, 128, 0, 100, 1000, 100, 2, 1e-3, 5e-4,
                1.0, 2.0, 4.0, true, null, SplitProtocol.FORWARD_GNN);
    }

    public GnnConfig withTask(String v) { return new GnnConfig(v, dataset, graph, v.equals("link") && method.equals("sf") ? "fl-ce" : method, conv, layers, hidden, split, seed, epochs, patience, validateEvery, lr, weightDecay, tau, theta, alpha, bidirectional, dataDir, splitProtocol); }
    /**
     * A named dataset instead of the default one. After {@link #withGraph} this is an error (it would silently drop the
     * in-memory graph): start from {@link #defaults()} again.
     */
    public GnnConfig withDataset(String v) {
        if (graph != null) {
            throw new IllegalStateException("Expected withDataset or withGraph, not both (got withDataset('" + v + "') after withGraph('"
                    + graph.id() + "'))");
        }
        return new GnnConfig(task, v, null, method, conv, layers, hidden, split, seed, epochs, patience, validateEvery, lr, weightDecay, tau, theta, alpha, bidirectional, dataDir, splitProtocol);
    }
    /**
     * An in-memory graph instead of a named dataset. After {@link #withDataset} of another dataset this is an error (the
     * named dataset would be silently dropped); a graph loaded from the dataset already named (same id) is allowed.
     */
    public GnnConfig withGraph(GraphData v) {
        if (graph == null && !DEFAULT_DATASET.equals(dataset) && !dataset.equals(v.id())) {
            throw new IllegalStateException("Expected withDataset or withGraph, not both (got withGraph('" + v.id()
                    + "') after withDataset('" + dataset + "'))");
        }
        return new GnnConfig(task, v.id(), v, method, conv, layers, hidden, split, seed, epochs, patience, validateEvery, lr, weightDecay, tau, theta, alpha, bidirectional, dataDir, splitProtocol);
    }
    public GnnConfig withMethod(String v) { return new GnnConfig(task, dataset, graph, v, conv, layers, hidden, split, seed, epochs, patience, validateEvery, lr, weightDecay, tau, theta, alpha, bidirectional, dataDir, splitProtocol); }
    public GnnConfig withConv(String v) { return new GnnConfig(task, dataset, graph, method, v, layers, hidden, split, seed, epochs, patience, validateEvery, lr, weightDecay, tau, theta, alpha, bidirectional, dataDir, splitProtocol); }
    public GnnConfig withLayers(int v) { return new GnnConfig(task, dataset, graph, method, conv, v, hidden, split, seed, epochs, patience, validateEvery, lr, weightDecay, tau, theta, alpha, bidirectional, dataDir, splitProtocol); }
    public GnnConfig withHidden(int v) { return new GnnConfig(task, dataset, graph, method, conv, layers, v, split, seed, epochs, patience, validateEvery, lr, weightDecay, tau, theta, alpha, bidirectional, dataDir, splitProtocol); }
    public GnnConfig withSplit(int v) { return new GnnConfig(task, dataset, graph, method, conv, layers, hidden, v, seed, epochs, patience, validateEvery, lr, weightDecay, tau, theta, alpha, bidirectional, dataDir, splitProtocol); }
    public GnnConfig withSeed(long v) { return new GnnConfig(task, dataset, graph, method, conv, layers, hidden, split, v, epochs, patience, validateEvery, lr, weightDecay, tau, theta, alpha, bidirectional, dataDir, splitProtocol); }
    public GnnConfig withEpochs(int v) { return new GnnConfig(task, dataset, graph, method, conv, layers, hidden, split, seed, v, patience, validateEvery, lr, weightDecay, tau, theta, alpha, bidirectional, dataDir, splitProtocol); }
    public GnnConfig withPatience(int v) { return new GnnConfig(task, dataset, graph, method, conv, layers, hidden, split, seed, epochs, v, validateEvery, lr, weightDecay, tau, theta, alpha, bidirectional, dataDir, splitProtocol); }
    public GnnConfig withValidateEvery(int v) { return new GnnConfig(task, dataset, graph, method, conv, layers, hidden, split, seed, epochs, patience, v, lr, weightDecay, tau, theta, alpha, bidirectional, dataDir, splitProtocol); }
    public GnnConfig withLr(double v) { return new GnnConfig(task, dataset, graph, method, conv, layers, hidden, split, seed, epochs, patience, validateEvery, v, weightDecay, tau, theta, alpha, bidirectional, dataDir, splitProtocol); }
    public GnnConfig withWeightDecay(double v) { return new GnnConfig(task, dataset, graph, method, conv, layers, hidden, split, seed, epochs, patience, validateEvery, lr, v, tau, theta, alpha, bidirectional, dataDir, splitProtocol); }
    public GnnConfig withTau(double v) { return new GnnConfig(task, dataset, graph, method, conv, layers, hidden, split, seed, epochs, patience, validateEvery, lr, weightDecay, v, theta, alpha, bidirectional, dataDir, splitProtocol); }
    public GnnConfig withTheta(double v) { return new GnnConfig(task, dataset, graph, method, conv, layers, hidden, split, seed, epochs, patience, validateEvery, lr, weightDecay, tau, v, alpha, bidirectional, dataDir, splitProtocol); }
    public GnnConfig withAlpha(double v) { return new GnnConfig(task, dataset, graph, method, conv, layers, hidden, split, seed, epochs, patience, validateEvery, lr, weightDecay, tau, theta, v, bidirectional, dataDir, splitProtocol); }
    public GnnConfig withBidirectional(boolean v) { return new GnnConfig(task, dataset, graph, method, conv, layers, hidden, split, seed, epochs, patience, validateEvery, lr, weightDecay, tau, theta, alpha, v, dataDir, splitProtocol); }
    public GnnConfig withDataDir(Path v) { return new GnnConfig(task, dataset, graph, method, conv, layers, hidden, split, seed, epochs, patience, validateEvery, lr, weightDecay, tau, theta, alpha, bidirectional, v, splitProtocol); }
    public GnnConfig withSplitProtocol(String v) { return new GnnConfig(task, dataset, graph, method, conv, layers, hidden, split, seed, epochs, patience, validateEvery, lr, weightDecay, tau, theta, alpha, bidirectional, dataDir, v); }

    /** A flat description (for provenance and result.json). */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", task); m.put("dataset", dataset); m.put("method", method); m.put("conv", conv);
        m.put("layers", Integer.toString(layers)); m.put("hidden", Integer.toString(hidden));
        m.put("split", Integer.toString(split)); m.put("seed", Long.toString(seed));
        m.put("epochs", Integer.toString(epochs)); m.put("patience", Integer.toString(patience));
        m.put("validate_every", Integer.toString(validateEvery)); m.put("lr", Double.toString(lr));
        m.put("weight_decay", Double.toString(weightDecay)); m.put("tau", Double.toString(tau));
        m.put("theta", Double.toString(theta)); m.put("alpha", Double.toString(alpha));
        m.put("bidirectional", Boolean.toString(bidirectional));
        m.put("split_protocol", splitProtocol);
        return m;
    }
}
