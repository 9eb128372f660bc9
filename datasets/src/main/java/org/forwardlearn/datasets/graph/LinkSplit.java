package org.forwardlearn.datasets.graph;

import org.ejml.data.DMatrixSparseCSC;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A random link-prediction split of a graph's undirected edges (self-loops excluded) into train / val / test
 * positives (each pair listed once, smaller id first), each with the same number of negative pairs drawn
 * uniformly from the node pairs that are not edges in either direction and not self-loops. The negatives are
 * fixed by the seed and distinct across all three sets. Message passing for validation uses the train
 * positives; for testing, train + val positives.
 *
 * @param trainPos train positive pairs
 * @param trainNeg train negative pairs
 * @param valPos validation positives
 * @param valNeg validation negatives
 * @param testPos test positives
 * @param testNeg test negatives
 */
public record LinkSplit(EdgeList trainPos, EdgeList trainNeg, EdgeList valPos, EdgeList valNeg, EdgeList testPos,
                        EdgeList testNeg) {

    /** The usual 64/16/20 split. */
    public static LinkSplit random(Graph g, long seed) {
        return random(g, 0.16, 0.20, seed);
    }

    /** Splits with the given validation and test fractions (train gets the rest). */
    public static LinkSplit random(Graph g, double valFraction, double testFraction, long seed) {
        if (valFraction < 0 || testFraction < 0 || valFraction + testFraction >= 1) {
            throw new IllegalArgumentException("Expected val, test fractions >= 0 with sum < 1 (got " + valFraction
                    + ", " + testFraction + ")");
        }
        DMatrixSparseCSC a = g.adjacency();
        int n = g.numNodes();
        Set<Long> existing = new HashSet<>();
        for (int j = 0; j < n; j++) {
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                int i = a.nz_rows[k];
                if (i != j) existing.add(key(Math.min(i, j), Math.max(i, j)));
            }
        }
        long[] pairs = existing.stream().mapToLong(Long::longValue).sorted().toArray();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = pairs.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            long t = pairs[i];
            pairs[i] = pairs[j];
            pairs[j] = t;
        }
        int m = pairs.length;
        int nVal = (int) Math.floor(valFraction * m);
        int nTest = (int) Math.floor(testFraction * m);
        int nTrain = m - nVal - nTest;
        long possible = (long) n * (n - 1) / 2 - m;
        if (possible < m) {
            throw new IllegalArgumentException(g.name() + ": Expected at least " + m + " non-edges to sample negatives"
                    + " from (got " + possible + ")");
        }
        Set<Long> used = new HashSet<>(existing);
        EdgeList trainPos = slice(pairs, 0, nTrain);
        EdgeList valPos = slice(pairs, nTrain, nTrain + nVal);
        EdgeList testPos = slice(pairs, nTrain + nVal, m);
        EdgeList trainNeg = negatives(n, nTrain, rng, used);
        EdgeList valNeg = negatives(n, nVal, rng, used);
        EdgeList testNeg = negatives(n, nTest, rng, used);
        return new LinkSplit(trainPos, trainNeg, valPos, valNeg, testPos, testNeg);
    }

    /** Edges to propagate messages on while validating: the train positives. */
    public EdgeList valMessagePassing() {
        return trainPos;
    }

    /** Edges to propagate messages on while testing: train + validation positives. */
    public EdgeList testMessagePassing() {
        return trainPos.concat(valPos);
    }

    private static long key(int i, int j) {
        return ((long) i << 32) | (j & 0xffffffffL);
    }

    private static EdgeList slice(long[] pairs, int from, int to) {
        int[] s = new int[to - from];
        int[] d = new int[to - from];
        for (int k = from; k < to; k++) {
            s[k - from] = (int) (pairs[k] >>> 32);
            d[k - from] = (int) pairs[k];
        }
        return new EdgeList(s, d);
    }

    /** Rejection sampling; terminates because at least count unused non-edges exist (checked by the caller). */
    private static EdgeList negatives(int n, int count, SplittableRandom rng, Set<Long> used) {
        int[] s = new int[count];
        int[] d = new int[count];
        int w = 0;
        long attempts = 0;
        long maxAttempts = 1000L * count + 1_000_000L;
        while (w < count) {
            if (++attempts > maxAttempts) {
                throw new IllegalStateException("Expected to find " + count + " negative pairs (got " + w + " after "
                        + maxAttempts + " draws; the graph is too dense)");
            }
            int i = rng.nextInt(n);
            int j = rng.nextInt(n);
            if (i == j) continue;
            long k = key(Math.min(i, j), Math.max(i, j));
            if (!used.add(k)) continue;
            s[w] = Math.min(i, j);
            d[w] = Math.max(i, j);
            w++;
        }
        return new EdgeList(s, d);
    }
}
