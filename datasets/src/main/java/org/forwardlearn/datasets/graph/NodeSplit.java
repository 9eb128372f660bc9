package org.forwardlearn.datasets.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Disjoint train / validation / test node-id sets. Immutable; arrays are copied in and out.
 *
 * <p>ForwardGNN's node protocol ({@link #forwardGnn}): the nodes with a label (label >= 0) are shuffled
 * with a {@link SplittableRandom} seeded by {@link #splitSeed(long, int)}; the first floor(0.64 n) go to
 * train, the next floor(0.16 n) to validation, the rest (about 20 %) to test; five such splits (index 0..4)
 * are the standard protocol.
 */
public final class NodeSplit {
    /** Number of splits in ForwardGNN's protocol. */
    public static final int FORWARD_GNN_SPLITS = 5;
    private final int[] train;
    private final int[] val;
    private final int[] test;

    public NodeSplit(int[] train, int[] val, int[] test) {
        this.train = train.clone();
        this.val = val.clone();
        this.test = test.clone();
    }

    public int[] train() {
        return train.clone();
    }

    public int[] val() {
        return val.clone();
    }

    public int[] test() {
        return test.clone();
    }

    /** The seed used for split {@code index}: a fixed mix of the two numbers (distinct for distinct pairs). */
    public static long splitSeed(long seed, int index) {
        return seed * 1_000_003L + index;
    }

    /** One ForwardGNN-protocol split (64/16/20) of the labelled nodes of {@code labels}. */
    public static NodeSplit forwardGnn(int[] labels, int index, long seed) {
        return random(labels, 0.64, 0.16, splitSeed(seed, index));
    }

    /** One ForwardGNN-protocol split of the graph's labelled nodes. */
    public static NodeSplit forwardGnn(Graph g, int index, long seed) {
        return forwardGnn(g.labels(), index, seed);
    }

    /** The five ForwardGNN splits (index 0..4). */
    public static List<NodeSplit> forwardGnnSplits(Graph g, long seed) {
        List<NodeSplit> out = new ArrayList<>();
        for (int i = 0; i < FORWARD_GNN_SPLITS; i++) out.add(forwardGnn(g, i, seed));
        return out;
    }

    /** XORed into the seed of {@link #random}: its shuffle must not replay the generator's class assignment. */
    public static final long RANDOM_SPLIT_SALT = 0x5EED_5B17_0000_0001L;

    /**
     * A random split of the labelled nodes: floor(trainFraction n) train, floor(valFraction n) validation,
     * the rest test. The shuffle's stream is {@code seed} salted with {@link #RANDOM_SPLIT_SALT}, so a graph generated
     * with the same seed (the CSBM generator runs the same Fisher-Yates shuffle to assign classes) does not get a
     * class-aligned split.
     */
    public static NodeSplit random(int[] labels, double trainFraction, double valFraction, long seed) {
        if (trainFraction < 0 || valFraction < 0 || trainFraction + valFraction > 1) {
            throw new IllegalArgumentException("Expected fractions >= 0 with train + val <= 1 (got " + trainFraction
                    + " + " + valFraction + ")");
        }
        int[] nodes = Arrays.stream(java.util.stream.IntStream.range(0, labels.length).toArray())
                .filter(i -> labels[i] >= 0).toArray();
        SplittableRandom rng = new SplittableRandom(seed ^ RANDOM_SPLIT_SALT);
        for (int i = nodes.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = nodes[i];
            nodes[i] = nodes[j];
            nodes[j] = t;
        }
        int n = nodes.length;
        int nTrain = (int) Math.floor(trainFraction * n);
        int nVal = (int) Math.floor(valFraction * n);
        return new NodeSplit(Arrays.copyOfRange(nodes, 0, nTrain), Arrays.copyOfRange(nodes, nTrain, nTrain + nVal),
                Arrays.copyOfRange(nodes, nTrain + nVal, n));
    }

    /** Throws unless every id is in [0, n) and the three sets are disjoint. */
    void checkWithin(int n) {
        boolean[] seen = new boolean[n];
        for (int[] part : new int[][] {train, val, test}) {
            for (int v : part) {
                if (v < 0 || v >= n) {
                    throw new IllegalArgumentException("Expected split node ids in [0, " + n + ") (got " + v + ")");
                }
                if (seen[v]) {
                    throw new IllegalArgumentException("Expected disjoint split sets (got node " + v + " twice)");
                }
                seen[v] = true;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeSplit s && Arrays.equals(train, s.train) && Arrays.equals(val, s.val)
                && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(train) * 961 + Arrays.hashCode(val) * 31 + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "NodeSplit[train=" + train.length + ", val=" + val.length + ", test=" + test.length + "]";
    }
}
