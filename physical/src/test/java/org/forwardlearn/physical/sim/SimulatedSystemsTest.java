package org.forwardlearn.physical.sim;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.physical.Systems;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class SimulatedSystemsTest {
    static Path dataDir() {
        String s = System.getProperty("forwardlearn.data", System.getenv("FORWARDLEARN_DATA"));
        Assumptions.assumeTrue(s != null && Files.isDirectory(Path.of(s)), "no data directory");
        return Path.of(s);
    }

    private static OpticalSystem optical(SimSettings s) { return new OpticalSystem(s, 6, 40, 2, OpticalSystem.Encoding.PHASE); }

    private static double[][] rows(int n, int d, double v) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i][j] = ((i * 7 + j * 3) % 10) / 10.0 * v;
        return x;
    }

    @Test
    void deterministicForASeed() {
        SimSettings s = new SimSettings(7, 0.05, 8, 1e-3, 50, 64);
        for (int k = 0; k < 2; k++) {
            SimulatedSystem a = k == 0 ? optical(s) : new MicrowaveSystem(s, 8, 6, 5);
            SimulatedSystem b = k == 0 ? optical(s) : new MicrowaveSystem(s, 8, 6, 5);
            double[][] x = rows(30, a.spec().inputSize(), 1.0);
            if (k == 1) for (double[] r : x) for (int j = 0; j < r.length; j++) r[j] = r[j] > 0.45 ? 1 : 0;
            for (int q = 0; q < 3; q++) assertArrayEquals(a.measure(x)[5], b.measure(x)[5], 0.0);
            assertNotEquals(0.0, optical(s.withSeed(8)).measure(rows(1, 36, 1.0))[0][0] - optical(s).measure(rows(1, 36, 1.0))[0][0]);
        }
    }

    @Test
    void noiseMatchesItsSetting() {
        double sigma = 0.2;
        OpticalSystem clean = optical(SimSettings.ideal(3));
        OpticalSystem noisy = optical(SimSettings.ideal(3).withNoise(sigma));
        double[][] x = new double[4000][];
        for (int i = 0; i < x.length; i++) x[i] = rows(1, 36, 1.0)[0];
        double ref = clean.measure(new double[][] {x[0]})[0][3];
        double[][] y = noisy.measure(x);
        double m = 0, v = 0;
        for (double[] r : y) m += r[3] / y.length;
        for (double[] r : y) v += (r[3] - m) * (r[3] - m) / (y.length - 1);
        assertEquals(ref, m, 4 * sigma / Math.sqrt(y.length));
        assertEquals(sigma, Math.sqrt(v), 0.05 * sigma);
    }

    @Test
    void quantisationUsesTheLevels() {
        OpticalSystem q = optical(SimSettings.ideal(3).withBits(3));
        for (double[] r : q.measure(rows(20, 36, 1.0))) {
            for (double v : r) {
                double level = v / 8.0 * 7;
                assertEquals(Math.rint(level), level, 1e-9);
                assertTrue(v >= 0 && v <= 8.0);
            }
        }
    }

    @Test
    void driftIsARandomWalkWithTheSetRateAndRedrawsOnce() {
        double rate = 1e-3;
        OpticalSystem o = new OpticalSystem(SimSettings.ideal(5).withDrift(rate, 3000), 20, 4, 1, OpticalSystem.Encoding.PHASE);
        double[][] x = rows(10, 400, 1.0);
        for (int q = 0; q < 200; q++) o.measure(x);            // 2000 samples
        double[] s = o.state();
        double var = 0;
        for (int i = 3; i < s.length; i++) var += s[i] * s[i] / (s.length - 3);
        double expected = rate * Math.PI * Math.sqrt(2000);
        assertEquals(expected, Math.sqrt(var), 0.1 * expected);
        assertEquals(0, o.generation());
        for (int q = 0; q < 100; q++) o.measure(x);
        assertEquals(1, o.generation());
        assertEquals(300, o.queries());
        assertEquals(3000, o.samples());
    }

    @Test
    void stateRestoresExactly() {
        SimSettings s = new SimSettings(11, 0.1, 0, 2e-3, 100, 64);
        OpticalSystem a = optical(s);
        double[][] x = rows(16, 36, 1.0);
        for (int q = 0; q < 5; q++) a.measure(x);
        double[] st = a.state();
        double[][] next = a.measure(x);
        OpticalSystem b = optical(s);
        b.restoreState(st);
        assertArrayEquals(next[3], b.measure(x)[3], 0.0);
        assertArrayEquals(a.state(), b.state(), 0.0);
        var ex = assertThrows(IllegalArgumentException.class, () -> b.restoreState(new double[2]));
        assertTrue(ex.getMessage().startsWith("Expected a state of length"), ex.getMessage());
    }

    @Test
    void badShapesAndValuesGiveClearErrors() {
        OpticalSystem o = optical(SimSettings.ideal(1));
        var e1 = assertThrows(IllegalArgumentException.class, () -> o.measure(new double[][] {new double[35]}));
        assertTrue(e1.getMessage().contains("Expected input rows of length 36 (got 35"), e1.getMessage());
        double[][] bad = rows(1, 36, 1.0);
        bad[0][2] = 1.5;
        var e2 = assertThrows(IllegalArgumentException.class, () -> o.measure(bad));
        assertTrue(e2.getMessage().contains("admissible"), e2.getMessage());
        MicrowaveSystem m = new MicrowaveSystem(SimSettings.ideal(1), 4, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> m.measure(new double[][] {{0, 1, 0.5, 0}}));
    }

    @Test
    void microwaveIsNonlinearInTheConfiguration() {
        MicrowaveSystem m = new MicrowaveSystem(SimSettings.ideal(2), 8, 6, 5);
        double[][] y = m.measure(new double[][] {{0, 0, 0, 0, 0, 0, 0, 0}, {1, 0, 0, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0, 0, 0}, {1, 1, 0, 0, 0, 0, 0, 0}});
        double dev = 0;
        for (int f = 0; f < 5; f++) dev += Math.abs(y[3][f] - y[1][f] - y[2][f] + y[0][f]);
        assertTrue(dev > 1e-3, "interaction term " + dev);
    }

    @Test
    void microwaveReducedSolveEqualsTheFullSystemAlsoAfterDriftAndRedraw() {
        // drift on, re-drawn after 64 samples: the cached Schur complement must follow the moved scatterers
        MicrowaveSystem m = new MicrowaveSystem(new SimSettings(5, 0, 0, 0.05, 64, 4096), 40, 16, 20);
        java.util.SplittableRandom r = new java.util.SplittableRandom(11);
        for (int round = 0; round < 3; round++) {
            double[][] x = new double[32][40];
            for (double[] row : x) for (int i = 0; i < 40; i++) row[i] = r.nextInt(2);
            for (double[] row : x) {
                double[] fast = new double[20], direct = new double[20];
                m.respond(row, fast);
                m.respondDirect(row, direct);
                for (int f = 0; f < 20; f++) assertEquals(direct[f], fast[f], 1e-9 * Math.max(1, Math.abs(direct[f])), "round " + round + " f " + f);
            }
            m.measure(x);                                             // drift steps (and, after 64 samples, the re-draw)
        }
        assertEquals(1, m.generation(), "re-drawn once");
    }

    @Test
    void opticalBatchedResponseEqualsTheRowByRowField() {
        for (OpticalSystem.Encoding enc : OpticalSystem.Encoding.values()) {
            OpticalSystem o = new OpticalSystem(SimSettings.ideal(7), 6, 40, 2, enc);
            double[][] x = new double[5][36];
            java.util.SplittableRandom r = new java.util.SplittableRandom(3);
            for (double[] row : x) for (int j = 0; j < 36; j++) row[j] = r.nextDouble();
            double[][] batch = o.response(x);
            for (int i = 0; i < 5; i++) {
                double[] one = new double[20];
                o.respond(x[i], one);
                for (int k = 0; k < 20; k++) assertEquals(one[k], batch[i][k], 1e-12 * Math.max(1, Math.abs(one[k])), enc + " row " + i);
            }
        }
    }

    @Test
    void fixedMapBatchedResponseAndVjpEqualTheRowByRowMap() {
        org.forwardlearn.physical.InputDomain dom = new org.forwardlearn.physical.InputDomain.Continuous(-10, 10);
        FixedMapSystem f = new FixedMapSystem(5, 30, 12, dom);
        double[][] x = rows(7, 30, 1.3), d = rows(7, 12, 0.7);
        double[][] batch = f.response(x), g = f.vjp(x, d);
        for (int i = 0; i < 7; i++) {
            double[] one = new double[12];
            f.respond(x[i], one);
            assertArrayEquals(one, batch[i], 1e-12, "row " + i);
            for (int j = 0; j < 30; j += 7) {                                      // vjp by finite differences (linear: exact)
                double[] p = x[i].clone(), m = x[i].clone();
                p[j] += 1e-3;
                m[j] -= 1e-3;
                double[] yp = new double[12], ym = new double[12];
                f.respond(p, yp);
                f.respond(m, ym);
                double fd = 0;
                for (int k = 0; k < 12; k++) fd += (yp[k] - ym[k]) * d[i][k] / 2e-3;
                assertEquals(fd, g[i][j], 1e-9, "vjp row " + i + " col " + j);
            }
        }
        FixedMapSystem none = new FixedMapSystem(5, 30, 0, dom);
        assertArrayEquals(new double[] {0}, none.response(x)[3], 0);
        assertArrayEquals(new double[30], none.vjp(x, new double[7][1])[2], 0);
    }

    @Test
    void opticalVjpMatchesFiniteDifferences() {
        OpticalSystem o = optical(SimSettings.ideal(4));
        double[][] x = rows(1, 36, 0.9);
        double[][] w = rows(1, 20, 1.0);
        double[][] g = o.vjp(x, w);
        for (int j = 0; j < 36; j += 5) {
            double[][] p = {x[0].clone()}, mm = {x[0].clone()};
            p[0][j] += 1e-6;
            mm[0][j] -= 1e-6;
            double fd = 0;
            double[] yp = o.response(p)[0], ym = o.response(mm)[0];
            for (int k = 0; k < 20; k++) fd += (yp[k] - ym[k]) * w[0][k] / 2e-6;
            assertEquals(fd, g[0][j], 1e-5 * Math.max(1, Math.abs(fd)));
        }
    }

    @Test
    void serviceLoaderFindsTheThreeSystems() {
        assertTrue(Systems.names().containsAll(java.util.List.of("optical", "microwave", "acoustic")), Systems.names().toString());
        try (PhysicalSystem p = Systems.open("optical", Map.of("slm-side", "4", "camera", "8", "seed", "3"))) {
            assertEquals(16, p.spec().inputSize());
            assertEquals(8, p.spec().outputSize());
        }
    }

    @Test
    void acousticSurrogateFitsTheMeasuredPairsAndNoiseIsAtTheResidualLevel() {
        AcousticSurrogate a = new AcousticSurrogate(new SimSettings(1, 1.0, 0, 0, -1, 4096), dataDir());
        double[] r2 = a.fitted().r2().clone();
        java.util.Arrays.sort(r2);
        assertTrue(r2[10] > 0.85, "median R2 " + r2[10]);
        double[][] x = new double[3000][20];
        for (double[] r : x) java.util.Arrays.fill(r, 0.2);
        double[][] y = a.measure(x), clean = a.response(new double[][] {x[0]});
        double v = 0;
        for (double[] r : y) v += Math.pow(r[0] - clean[0][0], 2) / y.length;
        assertEquals(a.fitted().residualStd()[0], Math.sqrt(v), 0.06 * a.fitted().residualStd()[0]);
    }
}
