package org.forwardlearn.forwardgnn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.forwardgnn.graph.Split;

/**
 * A named node-split protocol: how split {@code index} of a graph is drawn from the run's seed, and how many runs
 * the protocol reports.
 * <ul>
 *   <li>{@code forwardgnn} (default): ForwardGNN's 64/16/20 split of the labelled nodes, 5 splits
 *       ({@link NodeSplit#forwardGnn}).</li>
 *   <li>{@code random-60-20-20}: DFA-GNN's protocol (Zhao et al. 2024): a random 60/20/20 split of the labelled nodes per
 *       run, 10 runs, mean ± 95 % CI. Seed of run {@code index}: {@link NodeSplit#splitSeed}(seed, index), the
 *       same seed rule as ForwardGNN's splits; shuffle: {@link NodeSplit#random}.</li>
 * </ul>
 * Only labelled nodes (label &gt;= 0) enter a split: on Planetoid CiteSeer the 15 test-range ids missing from
 * {@code test.index} (label -1 in our loader, class 0 in PyG) are in no split, so a 60/20/20 split is of 3312 nodes.
 */
public final class SplitProtocol {
    public static final String FORWARD_GNN = "forwardgnn";
    public static final String RANDOM_60_20_20 = "random-60-20-20";
    public static final List<String> NAMES = List.of(FORWARD_GNN, RANDOM_60_20_20);

    private SplitProtocol() { }

    /** Throws a one-line error unless {@code name} is a protocol. */
    public static String check(String name) {
        if (!NAMES.contains(name)) throw new IllegalArgumentException("Expected split protocol in " + NAMES + " (got '" + name + "')");
        return name;
    }

    /** How many runs (split indices 0..runs-1) the protocol reports: 5 (forwardgnn) or 10 (random-60-20-20). */
    public static int runs(String name) {
        return check(name).equals(FORWARD_GNN) ? NodeSplit.FORWARD_GNN_SPLITS : 10;
    }

    /** Split {@code index} (&gt;= 0) of the nodes with a label in {@code labels}, under protocol {@code name}. */
    public static Split split(String name, int[] labels, int index, long seed) {
        if (index < 0) throw new IllegalArgumentException("Expected split index >= 0 for protocol " + name + " (got " + index + ")");
        NodeSplit s = check(name).equals(FORWARD_GNN) ? NodeSplit.forwardGnn(labels, index, seed)
                : NodeSplit.random(labels, 0.6, 0.2, NodeSplit.splitSeed(seed, index));
        return new Split(s.train(), s.val(), s.test());
    }

    /**
     * The index file of a split (what {@code gnn train}/{@code gnn table} write next to the results as JSON): protocol,
     * index, seed, and the node ids of train, val and test.
     */
    public static Map<String, Object> indexFile(String name, int index, long seed, String dataset, Split s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", name);
        m.put("dataset", dataset);
        m.put("index", index);
        m.put("seed", seed);
        m.put("sizes", List.of(s.train().length, s.val().length, s.test().length));
        m.put("train", s.train());
        m.put("val", s.val());
        m.put("test", s.test());
        return m;
    }
}
