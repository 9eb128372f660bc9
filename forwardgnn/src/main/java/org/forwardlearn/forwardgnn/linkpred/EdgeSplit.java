package org.forwardlearn.forwardgnn.linkpred;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.forwardlearn.forwardgnn.graph.Topology;

/**
 * A link-prediction split of the undirected edges into 64/16/20 train/val/test positives, each
 * with as many negatives drawn uniformly from non-edges (never a self-loop, never an edge in either
 * direction, distinct across the three sets), fixed by the seed. Pairs are {u, v} arrays.
 */
public record EdgeSplit(int numNodes, int[][] trainPos, int[][] trainNeg, int[][] valPos, int[][] valNeg,
                        int[][] testPos, int[][] testNeg) {

    public static EdgeSplit random(Topology t, double valFraction, double testFraction, long seed) {
        int n = t.numNodes();
        int[][] e = t.edges();
        Set<Long> existing = new HashSet<>();
        for (int k = 0; k < e[0].length; k++) existing.add(key(Math.min(e[0][k], e[1][k]), Math.max(e[0][k], e[1][k])));
        long[] pairs = existing.stream().mapToLong(Long::longValue).sorted().toArray();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = pairs.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            long tmp = pairs[i]; pairs[i] = pairs[j]; pairs[j] = tmp;
        }
        int m = pairs.length, nVal = (int) Math.floor(valFraction * m), nTest = (int) Math.floor(testFraction * m);
        int nTrain = m - nVal - nTest;
        Set<Long> used = new HashSet<>(existing);
        return new EdgeSplit(n, slice(pairs, 0, nTrain), negatives(n, nTrain, rng, used), slice(pairs, nTrain, nTrain + nVal),
                negatives(n, nVal, rng, used), slice(pairs, nTrain + nVal, m), negatives(n, nTest, rng, used));
    }

    /** Message passing while training and validating: the train positives (both directions). */
    public Topology validationGraph() { return undirected(trainPos); }

    /** Message passing while testing: train + validation positives. */
    public Topology testGraph() {
        int[][] both = Arrays.copyOf(trainPos, trainPos.length + valPos.length);
        System.arraycopy(valPos, 0, both, trainPos.length, valPos.length);
        return undirected(both);
    }

    private Topology undirected(int[][] p) {
        int[] u = new int[p.length], v = new int[p.length];
        for (int k = 0; k < p.length; k++) { u[k] = p[k][0]; v[k] = p[k][1]; }
        return Topology.undirected(numNodes, u, v);
    }

    static long key(int u, int v) { return ((long) u << 32) | v; }

    private static int[][] slice(long[] pairs, int from, int to) {
        int[][] out = new int[to - from][];
        for (int k = from; k < to; k++) out[k - from] = new int[] {(int) (pairs[k] >>> 32), (int) pairs[k]};
        return out;
    }

    private static int[][] negatives(int n, int count, SplittableRandom rng, Set<Long> used) {
        int[][] out = new int[count][];
        for (int k = 0; k < count; ) {
            int u = rng.nextInt(n), v = rng.nextInt(n);
            if (u == v) continue;
            long key = key(Math.min(u, v), Math.max(u, v));
            if (!used.add(key)) continue;
            out[k++] = new int[] {Math.min(u, v), Math.max(u, v)};
        }
        return out;
    }
}
