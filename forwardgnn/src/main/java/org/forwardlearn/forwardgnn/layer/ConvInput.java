package org.forwardlearn.forwardgnn.layer;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Topology;

/**
 * A graph layer's input: node features (a constant for the layer) and the message-passing topology,
 * plus a cache of what depends only on them (the aggregated input). When {@link #constant()} is
 * true the input is reused for many epochs (forward learning), so layers prefer to aggregate once
 * and transform every epoch; otherwise (the backprop baseline) every product is paid per epoch.
 */
public final class ConvInput {
    private final NodeMatrix x;
    private final Topology topology;
    private final boolean constant;
    private final boolean rowsOnly;
    private final Map<String, Object> cache = new HashMap<>();
    private final Map<Object, Object> tape = new HashMap<>();
    private final Map<int[], Map<String, Object>> rowCache = new IdentityHashMap<>();

    public ConvInput(NodeMatrix x, Topology topology, boolean constant) { this(x, topology, constant, false); }

    /**
     * @param rowsOnly the owner's steps read only row subsets (SF: training rows and virtual nodes); a whole-graph pass
     *                 happens once, at the layer's end: layers then aggregate just the rows asked for and stream the
     *                 whole-graph pass in row blocks ({@link GraphConv#forwardBlocks}) instead of caching the aggregated
     *                 input of every node (memory proportional to the rows a step reads)
     */
    public ConvInput(NodeMatrix x, Topology topology, boolean constant, boolean rowsOnly) {
        this.x = Objects.requireNonNull(x, "x");
        this.topology = Objects.requireNonNull(topology, "topology");
        if (x.rows() != topology.numNodes()) {
            throw new IllegalArgumentException("Expected " + topology.numNodes() + " feature rows (got " + x.rows() + ")");
        }
        this.constant = constant;
        this.rowsOnly = rowsOnly;
    }

    public boolean rowsOnly() { return rowsOnly; }

    /** Bytes of the dense row-set caches (the aggregated rows a step reads), for the memory ledger. */
    public synchronized long cachedRowBytes() { return cachedRowBytes; }

    public NodeMatrix x() { return x; }

    public Topology topology() { return topology; }

    public boolean constant() { return constant; }

    /** A value computed once per input (for example the aggregation A x). */
    @SuppressWarnings("unchecked")
    public synchronized <T> T cached(String key, Supplier<T> compute) {
        Object v = cache.get(key);
        if (v == null) { v = compute.get(); cache.put(key, v); }
        return (T) v;
    }

    /**
     * A value computed once per input and row set (for example the rows R of A x). Row sets are told
     * apart by identity: callers pass the same array every epoch (a training or validation node set).
     */
    @SuppressWarnings("unchecked")
    public synchronized <T> T cachedRows(String key, int[] rows, Supplier<T> compute) {
        Map<String, Object> m = rowCache.computeIfAbsent(rows, r -> new HashMap<>());
        Object v = m.get(key);
        if (v == null) {
            v = compute.get();
            long b = v instanceof NodeMatrix nm && !nm.isSparse() ? 8L * nm.rows() * nm.cols() : 0;
            if (cachedRowBytes + b > rowCacheBudget()) return (T) v; // over budget: recomputed when asked again (same values)
            cachedRowBytes += b;
            m.put(key, v);
        }
        return (T) v;
    }

    private long cachedRowBytes;

    /**
     * Bytes the dense row-set caches may hold per input (system property {@code forwardlearn.rowCacheBudgetMb}, default a
     * quarter of the maximum heap; the sets asked for first, SF's training rows, are cached first): beyond it, row aggregations are recomputed at every step instead of cached. The
     * values are the same either way; this trades a sparse product per step for memory on graphs that barely fit.
     */
    public static long rowCacheBudget() {
        String p = System.getProperty("forwardlearn.rowCacheBudgetMb", "").trim();
        return p.isEmpty() ? Runtime.getRuntime().maxMemory() / 4 : Long.parseLong(p) << 20;
    }

    /** Drops the row-set caches (the layer has finished training; its whole-graph pass needs none). */
    public synchronized void clearRowCaches() {
        rowCache.clear();
        cachedRowBytes = 0;
    }

    /** Forward state a layer keeps for its next backward on this input (one entry per layer). */
    void record(Object layer, Object state) { tape.put(layer, state); }

    Object recorded(Object layer) {
        Object s = tape.get(layer);
        if (s == null) throw new IllegalStateException("Expected a forward pass on this input before the backward pass");
        return s;
    }
}
