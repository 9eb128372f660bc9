package org.forwardlearn.physical.hil;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The example device's definition: SplitMix64 as published, the noise stream's jump, its state. */
class ExampleDeviceTest {
    @Test
    void splitMix64IsTheReferenceGeneratorAndJumpsExactly() {
        SplitMix64 r = new SplitMix64(0);
        assertEquals(0xE220A8397B1DCDAFL, r.next(), "reference first output from state 0");
        assertEquals(0x6E789E6AA1B965F4L, r.next());
        SplittableRandom jdk = new SplittableRandom(42); // the JDK's SplittableRandom is SplitMix64 with this gamma
        SplitMix64 ours = new SplitMix64(42);
        for (int i = 0; i < 100; i++) assertEquals(jdk.nextLong(), ours.next());
        SplitMix64 a = new SplitMix64(7), b = new SplitMix64(7);
        for (int i = 0; i < 37; i++) a.uniform();
        b.jump(37);
        assertEquals(a.uniform(), b.uniform());
    }

    @Test
    void restoredStateContinuesTheNoiseStreamAndNoiseHasTheStatedLevel() {
        double[][] x = new double[300][20];
        for (double[] row : x) java.util.Arrays.fill(row, 0.5);
        try (ExampleDevice d = new ExampleDevice(3, 0.5); ExampleDevice quiet = new ExampleDevice(3, 0)) {
            double[] s0 = d.state();
            double[][] first = d.measure(x);
            double[][] clean = quiet.measure(x);
            double sum = 0, sq = 0;
            int n = 0;
            for (int i = 0; i < x.length; i++) for (int j = 0; j < 20; j++) {
                double e = first[i][j] - clean[i][j];
                sum += e;
                sq += e * e;
                n++;
            }
            assertEquals(0, sum / n, 0.02);
            assertEquals(0.5, Math.sqrt(sq / n - Math.pow(sum / n, 2)), 0.02, "Irwin-Hall of 12 uniforms: unit variance");
            d.measure(x);
            d.restoreState(s0);
            assertArrayEquals(first, d.measure(x));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.restoreState(new double[] {1.5, 2}));
            assertEquals("Expected an example-device state [queries, samples] of 2 whole numbers (got [1.5, 2.0])", e.getMessage());
        }
    }
}
