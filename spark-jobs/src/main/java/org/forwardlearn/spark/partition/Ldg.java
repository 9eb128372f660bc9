package org.forwardlearn.spark.partition;

import java.util.Arrays;

/**
 * Linear deterministic greedy streaming partitioning (Stanton and Kliot, KDD 2012): nodes arrive in a fixed
 * order and each goes to the partition holding most of its already-placed neighbours, weighted by the
 * remaining capacity (1 - size/capacity); ties go to the smallest partition, then the lowest index.
 * Deterministic for a given node order.
 */
public final class Ldg {
    private Ldg() {}

    /**
     * @param n          nodes 0..n-1, streamed in index order
     * @param src        edge sources (dense indices); edges are used in both directions
     * @param dst        edge targets
     * @param partitions number of partitions
     * @param slack      capacity = ceil(n / partitions) * (1 + slack)
     * @return the partition of every node
     */
    public static int[] assign(int n, int[] src, int[] dst, int partitions, double slack) {
        int[] ptr = new int[n + 1];
        for (int k = 0; k < src.length; k++) { ptr[src[k] + 1]++; ptr[dst[k] + 1]++; }
        for (int i = 0; i < n; i++) ptr[i + 1] += ptr[i];
        int[] fill = Arrays.copyOf(ptr, n);
        int[] adj = new int[ptr[n]];
        for (int k = 0; k < src.length; k++) { adj[fill[src[k]]++] = dst[k]; adj[fill[dst[k]]++] = src[k]; }
        double capacity = Math.ceil((double) n / partitions) * (1 + slack);
        int[] part = new int[n];
        Arrays.fill(part, -1);
        long[] sizes = new long[partitions];
        int[] counts = new int[partitions];
        for (int v = 0; v < n; v++) {
            Arrays.fill(counts, 0);
            for (int k = ptr[v]; k < ptr[v + 1]; k++) {
                int p = part[adj[k]];
                if (p >= 0) counts[p]++;
            }
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int p = 0; p < partitions; p++) {
                if (sizes[p] >= capacity) continue;
                double score = counts[p] * (1 - sizes[p] / capacity);
                if (best < 0 || score > bestScore || (score == bestScore && sizes[p] < sizes[best])) { best = p; bestScore = score; }
            }
            if (best < 0) best = argMin(sizes);
            part[v] = best;
            sizes[best]++;
        }
        return part;
    }

    private static int argMin(long[] a) {
        int b = 0;
        for (int i = 1; i < a.length; i++) if (a[i] < a[b]) b = i;
        return b;
    }
}
