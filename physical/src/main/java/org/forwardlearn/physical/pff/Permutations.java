package org.forwardlearn.physical.pff;

import java.util.SplittableRandom;

/** Seeded Fisher-Yates permutations. */
public final class Permutations {
    private Permutations() {}

    public static int[] of(int n, SplittableRandom r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1); int t = p[i]; p[i] = p[j]; p[j] = t; }
        return p;
    }
}
