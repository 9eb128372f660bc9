package org.forwardlearn.datasets.generate;

/**
 * Parameters of a {@link StreamingCsbm} graph: exactly {@code undirectedEdges} distinct undirected edges
 * (no self-loops) among {@code nodes} nodes in {@code classes} balanced classes, a fraction
 * {@code homophily} of them inside classes (in expectation), rectified Gaussian features
 * {@code max(0, signal * mu_y + N(0, I))} with random unit class means, and an optional split of fixed sizes.
 *
 * @param nodes           number of nodes (&gt;= classes)
 * @param undirectedEdges exact number of undirected edges (each stored in both directions)
 * @param features        features per node (&gt;= 1)
 * @param classes         number of classes (&gt;= 1)
 * @param homophily       expected fraction of edges inside classes, in [0, 1]
 * @param signal          distance of each class mean (before rectification) from the origin in noise standard deviations
 * @param trainSize       training nodes of the split (0: no split; then the experiment's own split is used)
 * @param valSize         validation nodes of the split (the rest are test nodes)
 * @param seed            seeds everything (same seed, same graph, whatever the thread count)
 */
public record CsbmSpec(int nodes, long undirectedEdges, int features, int classes, double homophily, double signal, int trainSize,
                       int valSize, long seed) {
    public CsbmSpec {
        if (classes < 1 || nodes < classes || features < 1) {
            throw new IllegalArgumentException("Expected 1 <= classes <= nodes and features >= 1 (got " + nodes + " nodes, " + classes
                    + " classes, " + features + " features)");
        }
        double pairs = (double) nodes * (nodes - 1) / 2;
        if (undirectedEdges < 0 || undirectedEdges > pairs / 2 || 2 * undirectedEdges > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Expected 0 <= edges <= " + (long) Math.min(pairs / 2, Integer.MAX_VALUE / 2 - 4)
                    + " (half the node pairs, and 2 x edges below 2^31) (got " + undirectedEdges + ")");
        }
        if (!(homophily >= 0 && homophily <= 1)) throw new IllegalArgumentException("Expected homophily in [0, 1] (got " + homophily + ")");
        if (!(signal >= 0) || Double.isInfinite(signal)) throw new IllegalArgumentException("Expected signal >= 0 (got " + signal + ")");
        if (trainSize < 0 || valSize < 0 || (long) trainSize + valSize > nodes) {
            throw new IllegalArgumentException("Expected train + val sizes within " + nodes + " nodes (got " + trainSize + " + " + valSize + ")");
        }
    }

    /**
     * The size of ogbn-products: 2,449,029 nodes, 61,859,140 undirected edges, 100 features, 47 classes, its split sizes
     * (196,615 train / 39,323 validation / the rest test); homophily 0.3 and signal 2.5 make the task neither trivial nor
     * hopeless: at 1e5 nodes of the same shape the nearest training-class mean of the features gives 0.39, SF-GCN-2
     * (100 epochs per layer, lr 0.01) 0.60 (docs/performance.md).
     */
    public static CsbmSpec products(long seed) {
        return new CsbmSpec(2_449_029, 61_859_140L, 100, 47, 0.3, 2.5, 196_615, 39_323, seed);
    }

    /** A spec with the given homophily and signal. */
    public CsbmSpec withSignal(double h, double s) {
        return new CsbmSpec(nodes, undirectedEdges, features, classes, h, s, trainSize, valSize, seed);
    }

    /** A spec with a split of the given sizes. */
    public CsbmSpec withSplit(int train, int val) {
        return new CsbmSpec(nodes, undirectedEdges, features, classes, homophily, signal, train, val, seed);
    }
}
