package org.forwardlearn.datasets.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The streaming CSBM's graph statistics match its parameters; the CSR is a valid symmetric simple graph; seeded. */
class StreamingCsbmTest {
    private static final CsbmSpec SPEC = new CsbmSpec(60_000, 600_000, 16, 6, 0.7, 1.0, 5_000, 1_000, 7);

    @Test
    void statisticsMatchTheParameters() {
        GeneratedGraph g = StreamingCsbm.generate("t", SPEC, false);
        int n = g.numNodes();
        assertEquals(60_000, n);
        assertEquals(1_200_000, g.directedEdges(), "exactly 2 x the undirected edges");
        long within = 0, m2 = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            int d = g.rowPtr()[i + 1] - g.rowPtr()[i];
            sumSq += (double) d * d;
            for (int k = g.rowPtr()[i]; k < g.rowPtr()[i + 1]; k++) {
                int j = g.colIdx()[k];
                assertTrue(j != i, "no self-loop");
                if (k > g.rowPtr()[i]) assertTrue(j > g.colIdx()[k - 1], "sorted, no duplicates (row " + i + ")");
                assertTrue(Arrays.binarySearch(g.colIdx(), g.rowPtr()[j], g.rowPtr()[j + 1], i) >= 0, "symmetric");
                if (g.labels()[i] == g.labels()[j]) within++;
                m2++;
            }
        }
        double mean = (double) m2 / n;
        assertEquals(20.0, mean, 1e-12, "average degree = 2 x edges / nodes");
        double var = sumSq / n - mean * mean;
        assertEquals(mean, var, 0.1 * mean, "degrees are Poisson-like (variance = mean)");
        assertEquals(0.7, (double) within / m2, 0.01, "homophily");
        int[] size = new int[6];
        for (int y : g.labels()) size[y]++;
        for (int s : size) assertEquals(10_000, s, "balanced classes");
        assertEquals(5_000, g.train().length);
        assertEquals(1_000, g.val().length);
        assertEquals(54_000, g.test().length);
        boolean[] seen = new boolean[n];
        for (int[] part : new int[][] {g.train(), g.val(), g.test()}) for (int i : part) { assertTrue(!seen[i], "disjoint split"); seen[i] = true; }
    }

    @Test
    void featuresAreNonNegativeWithClassSignal() {
        GeneratedGraph g = StreamingCsbm.generate("t", SPEC, true);
        assertNull(g.doubles());
        int f = g.features(), n = g.numNodes();
        double[][] mean = new double[6][f];
        int[] cnt = new int[6];
        long zeros = 0;
        for (int i = 0; i < n; i++) {
            cnt[g.labels()[i]]++;
            for (int j = 0; j < f; j++) {
                assertTrue(g.feature(i, j) >= 0, "rectified: non-negative");
                if (g.feature(i, j) == 0) zeros++;
                mean[g.labels()[i]][j] += g.feature(i, j);
            }
        }
        // no common offset: max(0, N(m, 1)) with small class shifts m is zero about half the time
        assertEquals(0.5, (double) zeros / ((long) n * f), 0.05, "fraction of zero entries");
        // class means before rectification are signal x unit vectors: |mu_a - mu_b| is about sqrt(2) x signal for random
        // directions in 16 dimensions; rectification scales small shifts by about Phi(0) = 1/2 (so about 0.7 here)
        double d01 = 0;
        for (int j = 0; j < f; j++) { double t = mean[0][j] / cnt[0] - mean[1][j] / cnt[1]; d01 += t * t; }
        d01 = Math.sqrt(d01);
        assertTrue(d01 > 0.45 && d01 < 1.05, "class-mean distance " + d01);
    }

    @Test
    void sameSeedSameGraph() {
        CsbmSpec s = new CsbmSpec(5_000, 20_000, 4, 3, 0.5, 1.0, 0, 0, 3);
        GeneratedGraph a = StreamingCsbm.generate("a", s, false), b = StreamingCsbm.generate("b", s, false);
        assertArrayEquals(a.rowPtr(), b.rowPtr());
        assertArrayEquals(a.colIdx(), b.colIdx());
        assertArrayEquals(a.doubles(), b.doubles());
        assertArrayEquals(a.labels(), b.labels());
        assertNull(a.train());
        GeneratedGraph c = StreamingCsbm.generate("c", new CsbmSpec(5_000, 20_000, 4, 3, 0.5, 1.0, 0, 0, 4), false);
        assertTrue(!Arrays.equals(a.colIdx(), c.colIdx()), "another seed, another graph");
    }

    @Test
    void badParametersAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CsbmSpec(10, 5, 4, 20, 0.5, 1, 0, 0, 0));
        assertTrue(e.getMessage().startsWith("Expected 1 <= classes <= nodes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CsbmSpec(100, 10_000, 4, 2, 0.5, 1, 0, 0, 0));
        assertTrue(e.getMessage().contains("(got 10000)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CsbmSpec(100, 10, 4, 2, 1.5, 1, 0, 0, 0));
        assertTrue(e.getMessage().contains("homophily"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new CsbmSpec(100, 10, 4, 2, 0.5, 1, 90, 20, 0));
        assertTrue(e.getMessage().contains("90 + 20"), e.getMessage());
        // every edge inside 50-node classes would need pIn > 1
        e = assertThrows(IllegalArgumentException.class, () -> StreamingCsbm.generate("x", new CsbmSpec(100, 2_400, 2, 2, 1.0, 1, 0, 0, 0), false));
        assertTrue(e.getMessage().startsWith("Expected edge probabilities <= 1"), e.getMessage());
    }

    @Test
    void productsPresetHasTheSizesOfOgbnProducts() {
        CsbmSpec p = CsbmSpec.products(0);
        assertEquals(2_449_029, p.nodes());
        assertEquals(61_859_140L, p.undirectedEdges());
        assertEquals(100, p.features());
        assertEquals(47, p.classes());
        assertEquals(196_615, p.trainSize());
        assertEquals(39_323, p.valSize());
    }
}
