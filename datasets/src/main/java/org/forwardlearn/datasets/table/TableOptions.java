package org.forwardlearn.datasets.table;

/**
 * How user tables become a graph.
 *
 * @param directed  keep edges as listed (src -> dst messages only); false (default) adds the reverse of every edge
 * @param splitSeed seed of the random split made when the node table has no {@code split} column
 */
public record TableOptions(boolean directed, long splitSeed) {
    /** Undirected, split seed 0. */
    public static TableOptions defaults() { return new TableOptions(false, 0); }

    public TableOptions withDirected(boolean v) { return new TableOptions(v, splitSeed); }

    public TableOptions withSplitSeed(long v) { return new TableOptions(directed, v); }
}
