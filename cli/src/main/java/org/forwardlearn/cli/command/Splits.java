package org.forwardlearn.cli.command;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** Row subsets of a labelled matrix (seeded), for validation hold-outs and quick runs. */
final class Splits {
    private Splits() {}

    /** A labelled matrix. */
    record Labelled(DMatrixRMaj x, int[] y) {
        int size() { return y.length; }
    }

    /** A seeded permutation of 0..n-1. */
    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }

    /** Rows idx[from..to) of (x, y). */
    static Labelled rows(DMatrixRMaj x, int[] y, int[] idx, int from, int to) {
        int n = to - from, d = x.numCols;
        DMatrixRMaj out = new DMatrixRMaj(n, d);
        int[] yo = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x.data, idx[from + i] * d, out.data, i * d, d);
            yo[i] = y[idx[from + i]];
        }
        return new Labelled(out, yo);
    }

    /** The first {@code limit} rows after a seeded shuffle (all rows, unshuffled, when limit &lt;= 0 or &gt;= n). */
    static Labelled limit(DMatrixRMaj x, int[] y, int limit, long seed) {
        if (limit <= 0 || limit >= y.length) return new Labelled(x, y);
        return rows(x, y, permutation(y.length, seed), 0, limit);
    }
}
