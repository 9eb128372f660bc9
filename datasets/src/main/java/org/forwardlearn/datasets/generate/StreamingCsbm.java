package org.forwardlearn.datasets.generate;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * A contextual stochastic block model generated without any whole-graph temporary: the int CSR is built
 * directly. Nodes sit in balanced class blocks of a random order; the node at block position p draws its edges to
 * later positions by geometric skipping (inside its class with probability pIn, to later classes with pOut), from
 * a random stream of its own (seeded from the spec's seed and p), so the same edges can be drawn again: pass 1
 * counts them, pass 2 counts degrees, pass 3 fills the CSR. To get exactly the requested edge count the
 * probabilities are raised by six standard deviations of the count and a uniform random surplus is dropped.
 * Work O(N + E) per pass, memory = the CSR + the features + a few int arrays of N.
 *
 * <p>Features: rectified Gaussians max(0, signal * mu_y + N(0, I)): non-negative (the experiments scale rows to sum
 * 1) without a common offset, about half the entries zero. (A shift by the global minimum, about -5 for 100
 * Gaussian dimensions, made every row nearly the same vector after normalisation: SF stayed at chance.)
 */
public final class StreamingCsbm {
    private StreamingCsbm() { }

    /** pIn and pOut that give {@code edges} undirected edges in expectation, a fraction h inside classes. */
    static double[] probabilities(CsbmSpec s, double edges) {
        double within = 0, sq = 0;
        for (int c = 0; c < s.classes(); c++) {
            double size = start(s, c + 1) - start(s, c);
            within += size * (size - 1) / 2;
            sq += size * size;
        }
        double between = ((double) s.nodes() * s.nodes() - sq) / 2;
        double pIn = within > 0 ? s.homophily() * edges / within : 0;
        double pOut = between > 0 ? (1 - s.homophily()) * edges / between : 0;
        if (pIn > 1 || pOut > 1 || (within == 0 && s.homophily() > 0 && edges > 0) || (between == 0 && s.homophily() < 1 && edges > 0)) {
            throw new IllegalArgumentException("Expected edge probabilities <= 1 (got pIn=" + pIn + ", pOut=" + pOut
                    + "; fewer edges or another homophily)");
        }
        return new double[] {pIn, pOut};
    }

    static int start(CsbmSpec s, int c) { return (int) ((long) s.nodes() * c / s.classes()); }

    /** Generates the graph; {@code floatFeatures} stores features in float32. */
    public static GeneratedGraph generate(String name, CsbmSpec s, boolean floatFeatures) {
        int n = s.nodes(), C = s.classes();
        long m = s.undirectedEdges();
        double inflated = m + 6 * Math.sqrt(m) + 16;
        double[] p = probabilities(s, m == 0 ? 0 : inflated);
        SplittableRandom top = new SplittableRandom(s.seed());
        int[] perm = permutation(n, top.split());
        int[] labels = new int[n];
        int[] classOfPos = new int[C + 1];
        for (int c = 0; c <= C; c++) classOfPos[c] = start(s, c);
        for (int c = 0; c < C; c++) for (int q = classOfPos[c]; q < classOfPos[c + 1]; q++) labels[perm[q]] = c;
        long streamSeed = top.nextLong();
        // pass 1: edges per position
        int[] cnt = new int[n];
        IntStream.range(0, C).parallel().forEach(c -> {
            for (int q = classOfPos[c]; q < classOfPos[c + 1]; q++) cnt[q] = draw(streamSeed, q, classOfPos[c + 1], n, p, null);
        });
        long total = 0;
        for (int x : cnt) total += x;
        if (total < m) throw new IllegalStateException("Expected at least " + m + " drawn edges (got " + total + "; another seed)");
        long[] dropped = dropped(top.split(), total, total - m);
        // pass 2: degrees (and the first edge index of every position)
        long[] first = new long[n + 1];
        for (int q = 0; q < n; q++) first[q + 1] = first[q] + cnt[q];
        int[] deg = new int[n + 1];
        int[] buf = new int[1 << 16];
        for (int c = 0; c < C; c++) {
            for (int q = classOfPos[c]; q < classOfPos[c + 1]; q++) {
                int k = draw(streamSeed, q, classOfPos[c + 1], n, p, buf);
                if (k > buf.length) throw new IllegalStateException("Expected fewer than " + buf.length + " edges per node (got " + k + ")");
                int dp = firstAtLeast(dropped, first[q]);
                for (int e = 0; e < k; e++) {
                    if (dp < dropped.length && dropped[dp] == first[q] + e) { dp++; continue; }
                    deg[perm[q] + 1]++;
                    deg[perm[buf[e]] + 1]++;
                }
            }
        }
        int[] rowPtr = deg;
        for (int i = 0; i < n; i++) rowPtr[i + 1] += rowPtr[i];
        int[] colIdx = new int[rowPtr[n]];
        int[] fill = Arrays.copyOf(rowPtr, n);
        // pass 3: fill
        for (int c = 0; c < C; c++) {
            for (int q = classOfPos[c]; q < classOfPos[c + 1]; q++) {
                int k = draw(streamSeed, q, classOfPos[c + 1], n, p, buf);
                int dp = firstAtLeast(dropped, first[q]);
                int u = perm[q];
                for (int e = 0; e < k; e++) {
                    if (dp < dropped.length && dropped[dp] == first[q] + e) { dp++; continue; }
                    int v = perm[buf[e]];
                    colIdx[fill[u]++] = v;
                    colIdx[fill[v]++] = u;
                }
            }
        }
        IntStream.range(0, n).parallel().forEach(i -> Arrays.sort(colIdx, rowPtr[i], rowPtr[i + 1]));
        float[] ff = floatFeatures ? new float[Math.multiplyExact(n, s.features())] : null;
        double[] fd = floatFeatures ? null : new double[Math.multiplyExact(n, s.features())];
        features(s, labels, top.split(), ff, fd);
        int[][] split = s.trainSize() > 0 ? split(n, s.trainSize(), s.valSize(), top.split()) : new int[3][];
        return new GeneratedGraph(name, rowPtr, colIdx, s.features(), ff, fd, labels, C, split[0], split[1], split[2]);
    }

    /**
     * Draws the edges of block position q to later positions (its class up to classEnd with p[0], then up to n with
     * p[1]); stores the far positions in out (when not null) and returns how many.
     */
    private static int draw(long streamSeed, int q, int classEnd, int n, double[] p, int[] out) {
        SplittableRandom r = new SplittableRandom(mix(streamSeed + 0x9E3779B97F4A7C15L * (q + 1L)));
        int k = 0;
        long j = q;
        if (p[0] > 0) {
            double lq = Math.log1p(-p[0]);
            while (true) {
                j += 1 + skip(r, p[0], lq);
                if (j >= classEnd) break;
                if (out != null && k < out.length) out[k] = (int) j;
                k++;
            }
        }
        j = classEnd - 1L;
        if (p[1] > 0) {
            double lq = Math.log1p(-p[1]);
            while (true) {
                j += 1 + skip(r, p[1], lq);
                if (j >= n) break;
                if (out != null && k < out.length) out[k] = (int) j;
                k++;
            }
        }
        return k;
    }

    private static long skip(SplittableRandom r, double p, double log1mp) {
        if (p >= 1) return 0;
        double k = Math.floor(Math.log(1.0 - r.nextDouble()) / log1mp);
        return k > 1e12 ? (long) 1e12 : (long) k;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@code count} distinct uniform indices in [0, total), sorted. */
    private static long[] dropped(SplittableRandom r, long total, long count) {
        long[] d = new long[(int) count];
        int have = 0;
        while (have < count) {
            for (int i = have; i < count; i++) d[i] = r.nextLong(total);
            Arrays.sort(d, 0, (int) count);
            int w = 0;
            for (int i = 0; i < count; i++) if (w == 0 || d[i] != d[w - 1]) d[w++] = d[i];
            have = w;
        }
        return d;
    }

    private static int firstAtLeast(long[] a, long v) {
        int i = Arrays.binarySearch(a, v);
        return i >= 0 ? i : -i - 1;
    }

    private static int[] permutation(int n, SplittableRandom r) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i]; perm[i] = perm[j]; perm[j] = t;
        }
        return perm;
    }

    /** Features in blocks of 4096 nodes, each block from its own stream (parallel, same values for any thread count). */
    private static void features(CsbmSpec s, int[] labels, SplittableRandom r, float[] ff, double[] fd) {
        int f = s.features(), n = labels.length;
        double[][] mu = new double[s.classes()][f];
        for (double[] row : mu) {
            double norm = 0;
            for (int k = 0; k < f; k++) { row[k] = Csbm.gaussian(r); norm += row[k] * row[k]; }
            norm = Math.sqrt(norm);
            for (int k = 0; k < f; k++) row[k] = norm > 0 ? s.signal() * row[k] / norm : 0;
        }
        long seed = r.nextLong();
        int blocks = (n + 4095) / 4096;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            SplittableRandom br = new SplittableRandom(mix(seed + 0x9E3779B97F4A7C15L * (b + 1L)));
            for (int i = b * 4096; i < Math.min(n, (b + 1) * 4096); i++) {
                double[] m = mu[labels[i]];
                for (int k = 0; k < f; k++) {
                    double v = Math.max(0, m[k] + Csbm.gaussian(br));
                    if (ff != null) ff[i * f + k] = (float) v;
                    else fd[i * f + k] = v;
                }
            }
        });
    }

    /** A random split of the given sizes (each part sorted). */
    private static int[][] split(int n, int train, int val, SplittableRandom r) {
        int[] perm = permutation(n, r);
        int[] tr = Arrays.copyOfRange(perm, 0, train), va = Arrays.copyOfRange(perm, train, train + val),
                te = Arrays.copyOfRange(perm, train + val, n);
        Arrays.sort(tr); Arrays.sort(va); Arrays.sort(te);
        return new int[][] {tr, va, te};
    }
}
