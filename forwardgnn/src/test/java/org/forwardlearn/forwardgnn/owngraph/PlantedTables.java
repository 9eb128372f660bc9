package org.forwardlearn.forwardgnn.owngraph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.datasets.table.TableGraph;

/**
 * A planted-partition user graph (the model of scripts/planted_partition.py, with java.util.Random): n nodes in c
 * classes, n * degree / 2 edges, each within the class with probability homophily; features s * mu_class + N(0, 1);
 * split 60/20/20; sparse random ids ("n" + a large random number when stringIds, else the number).
 */
final class PlantedTables {
    final int n, c;
    final List<String> ids = new ArrayList<>();
    final int[] labels, src, dst;
    final String[] split;
    final DMatrixRMaj x;

    PlantedTables(int n, int c, int degree, double homophily, int f, double scale, long seed, boolean stringIds) {
        this.n = n;
        this.c = c;
        Random r = new Random(seed);
        labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = i % c;
        for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1), t = labels[i]; labels[i] = labels[j]; labels[j] = t; }
        List<List<Integer>> by = new ArrayList<>();
        for (int k = 0; k < c; k++) by.add(new ArrayList<>());
        for (int i = 0; i < n; i++) by.get(labels[i]).add(i);
        int m = n * degree / 2;
        src = new int[m];
        dst = new int[m];
        for (int e = 0; e < m; e++) {
            int u = r.nextInt(n), k = r.nextDouble() < homophily ? labels[u] : (labels[u] + 1 + r.nextInt(c - 1)) % c, v;
            do { v = by.get(k).get(r.nextInt(by.get(k).size())); } while (v == u);
            src[e] = u;
            dst[e] = v;
        }
        double[][] mu = new double[c][f];
        for (double[] row : mu) for (int j = 0; j < f; j++) row[j] = r.nextGaussian();
        x = new DMatrixRMaj(n, f);
        for (int i = 0; i < n; i++) for (int j = 0; j < f; j++) x.set(i, j, scale * mu[labels[i]][j] + r.nextGaussian());
        split = new String[n];
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = n - 1; i > 0; i--) { int j = r.nextInt(i + 1), t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
        for (int t = 0; t < n; t++) split[perm[t]] = t < 0.6 * n ? "train" : t < 0.8 * n ? "val" : "test";
        Set<Long> used = new HashSet<>();
        for (int i = 0; i < n; i++) {
            long id;
            do { id = 1_000_000 + (long) (r.nextDouble() * 1e9); } while (!used.add(id));
            ids.add(stringIds ? "n" + id : Long.toString(id));
        }
    }

    /** The whole graph. */
    TableGraph all() { return TableGraph.fromArrays("planted", ids, x, labels, split, src, dst, false); }

    /** The graph without its test nodes (and their edges): what an inductive model is trained on. */
    TableGraph withoutTest() {
        int[] newIndex = new int[n];
        List<String> keptIds = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            newIndex[i] = split[i].equals("test") ? -1 : kept.size();
            if (newIndex[i] >= 0) { kept.add(i); keptIds.add(ids.get(i)); }
        }
        DMatrixRMaj kx = new DMatrixRMaj(kept.size(), x.numCols);
        int[] ky = new int[kept.size()];
        String[] ks = new String[kept.size()];
        for (int t = 0; t < kept.size(); t++) {
            int i = kept.get(t);
            System.arraycopy(x.data, i * x.numCols, kx.data, t * x.numCols, x.numCols);
            ky[t] = labels[i];
            ks[t] = split[i];
        }
        List<int[]> e = new ArrayList<>();
        for (int k = 0; k < src.length; k++) if (newIndex[src[k]] >= 0 && newIndex[dst[k]] >= 0) e.add(new int[] {newIndex[src[k]], newIndex[dst[k]]});
        int[] s = new int[e.size()], d = new int[e.size()];
        for (int k = 0; k < s.length; k++) { s[k] = e.get(k)[0]; d[k] = e.get(k)[1]; }
        return TableGraph.fromArrays("planted-80", keptIds, kx, ky, ks, s, d, false);
    }
}
