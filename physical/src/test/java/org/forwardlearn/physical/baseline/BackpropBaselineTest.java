package org.forwardlearn.physical.baseline;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.forwardlearn.physical.PhysicalExperiment;
import org.forwardlearn.physical.PhysicalResult;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.physical.SystemSpec;
import org.forwardlearn.physical.pff.Meter;
import org.forwardlearn.physical.sim.OpticalSystem;
import org.forwardlearn.physical.sim.SimSettings;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The backprop baselines (in-silico, physics-aware training, backprop bound): shapes, device-query accounting, learning. */
class BackpropBaselineTest {
    static final int N = 240, D = 9, C = 3, EPOCHS = 8, BATCH = 32, PAIRS = 300;

    static double[][] x(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[N][D];
        for (int i = 0; i < N; i++) for (int j = 0; j < D; j++) x[i][j] = r.nextGaussian() * 0.5 + (j % C == i % C ? 1.5 : 0);
        return x;
    }

    static int[] y() {
        int[] y = new int[N];
        for (int i = 0; i < N; i++) y[i] = i % C;
        return y;
    }

    static List<OpticalSystem> devices() {
        // 4x4 amplitude SLM (16 inputs, unit-norm encoder), 16 camera pixels, noiseless
        return List.of(new OpticalSystem(SimSettings.ideal(1), 4, 16, 1, OpticalSystem.Encoding.AMPLITUDE),
                new OpticalSystem(SimSettings.ideal(2), 4, 16, 1, OpticalSystem.Encoding.AMPLITUDE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"insilico", "pat", "bp"})
    void countsQueriesAndLearns(String method) {
        var cfg = BaselineConfig.defaults(method).with(12, BATCH, EPOCHS, 0.01, 0).withTwin(PAIRS, 32, 20);
        var sys = devices();
        double[][] x = x(1);
        int[] y = y();
        var b = new BackpropBaseline(cfg, D, C, sys).fit(x, y, sys);
        int batches = (N + BATCH - 1) / BATCH;
        long twinQueries = method.equals("bp") ? 0 : 2;            // one measure call of PAIRS rows per block
        long trainQueries = method.equals("pat") ? 2L * EPOCHS * batches : 0;  // PAT: the device in every forward pass
        assertEquals(twinQueries + trainQueries, b.meter().queries(), method);
        assertEquals((method.equals("bp") ? 0 : 2L * PAIRS) + (method.equals("pat") ? 2L * EPOCHS * N : 0), b.meter().samples(), method);
        assertEquals(2, b.twins().size());
        assertEquals(EPOCHS, b.history().size());
        assertTrue(b.meter().macs() > 0);
        assertTrue(b.trainSeconds() > 0);
        for (var s : sys) assertEquals(method.equals("pat") ? EPOCHS * batches + 1 : method.equals("bp") ? 0 : 1, s.queries(), method);
        Meter test = new Meter();
        double[][] xt = x(2);
        double acc = b.accuracy(xt, y(), sys, test);
        assertEquals(2L * ((N + 255) / 256), test.queries());       // deployed on the device: one pass per block
        assertTrue(acc > 0.8, method + " accuracy " + acc);
        if (!method.equals("bp")) for (var t : b.twins()) assertTrue(((DigitalTwin) t).heldOutMse() < 1, "twin error");
    }

    @Test
    void bpNeedsADifferentiableSimulator() {
        var cfg = BaselineConfig.defaults("bp").with(12, BATCH, 1, 0.01, 0);
        OpticalSystem inner = devices().get(0);
        PhysicalSystem opaque = new PhysicalSystem() {       // a black box: no vjp
            @Override public SystemSpec spec() { return inner.spec(); }
            @Override public double[][] measure(double[][] in) { return inner.measure(in); }
            @Override public long queries() { return inner.queries(); }
            @Override public long samples() { return inner.samples(); }
            @Override public void close() { inner.close(); }
        };
        var sys = List.of(opaque);
        var b = new BackpropBaseline(cfg, D, C, sys);
        assertThrows(IllegalArgumentException.class, () -> b.fit(x(1), y(), sys));
        assertEquals(0, opaque.queries());
    }

    @Test
    void shortVowelRunsAreAboveChance() {
        String s = System.getProperty("forwardlearn.data", System.getenv("FORWARDLEARN_DATA"));
        Assumptions.assumeTrue(s != null && Files.isDirectory(Path.of(s, "phyll-vowels")), "no vowels data");
        var base = PhysicalExperiment.Config.defaults("vowels").withDataDir(Path.of(s));
        base = base.withTraining(15, 0, base.pff());
        for (String m : List.of("insilico", "pat", "bp")) {
            PhysicalResult r = new PhysicalExperiment(base.with(m, 0)).run(null);
            assertTrue(r.testAccuracy() > 0.5, m + " accuracy " + r.testAccuracy() + " (chance 1/7)");
            assertEquals(15, r.epochs().size());
            assertEquals(m.equals("bp") ? 0 : m.equals("insilico") ? 2 : 2 + 2 * 15 * 7, r.deviceQueries(), m);  // 206 / 32 = 7 batches
            assertEquals(2L * ((52 + 255) / 256), ((Number) r.extra().get("test_device_queries")).longValue(), m);
        }
    }
}
