package org.forwardlearn.physical.encode;

import static org.junit.jupiter.api.Assertions.*;

import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.physical.SystemSpec;
import org.junit.jupiter.api.Test;

class EncodersTest {
    private static SystemSpec spec(int n, InputDomain d) { return new SystemSpec("t", "1", n, 4, d, 16); }

    @Test
    void unitNormIsAdmissibleAndUnitLength() {
        double[][] e = new UnitNormEncoder(3, spec(5, new InputDomain.Continuous(0, 1))).encode(new double[][] {{3, -4, 0}});
        assertArrayEquals(new double[] {0.6, 0.8, 0, 0, 0}, e[0], 1e-12);
    }

    @Test
    void unitNormRejectsInadmissibleDomain() {
        var enc = new UnitNormEncoder(2, spec(2, new InputDomain.Continuous(0, 0.5)));
        var ex = assertThrows(IllegalArgumentException.class, () -> enc.encode(new double[][] {{1, 0}}));
        assertTrue(ex.getMessage().contains("Expected encoded values admissible"), ex.getMessage());
    }

    @Test
    void binaryTwoBitsPerValue() {
        var enc = new BinaryEncoder(3, 2, spec(8, new InputDomain.Binary()));
        double[][] e = enc.encode(new double[][] {{0, 1.0 / 3, 1}});
        // levels 0, 1, 3 -> 00 01 11, padded
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 0, 0}, e[0], 0);
    }

    @Test
    void binaryRejectsContinuousDeviceOutsideItsRange() {
        var enc = new BinaryEncoder(1, 2, spec(2, new InputDomain.Continuous(0.5, 2)));
        assertThrows(IllegalArgumentException.class, () -> enc.encode(new double[][] {{1}}));
    }

    @Test
    void slmUpsamplesAndScales() {
        var enc = new SlmEncoder(4, spec(16, new InputDomain.Continuous(0, 1)));
        double[][] e = enc.encode(new double[][] {{1, 2, 3, 5}});
        assertEquals(16, e[0].length);
        assertEquals(0.0, e[0][0], 1e-12);
        assertEquals(1.0, e[0][15], 1e-12);
        assertEquals(0.25, e[0][2], 1e-12);
        var bad = new SlmEncoder(4, spec(16, new InputDomain.Continuous(0, 0.9)));
        assertThrows(IllegalArgumentException.class, () -> bad.encode(new double[][] {{1, 2, 3, 5}}));
    }

    @Test
    void badShapesGiveClearErrors() {
        var enc = new UnitNormEncoder(3, spec(5, new InputDomain.Continuous(0, 1)));
        var ex = assertThrows(IllegalArgumentException.class, () -> enc.encode(new double[][] {{1, 2}}));
        assertTrue(ex.getMessage().contains("Expected rows of length 3 (got 2"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UnitNormEncoder(6, spec(5, new InputDomain.Continuous(0, 1))));
        assertThrows(IllegalArgumentException.class, () -> new SlmEncoder(4, spec(15, new InputDomain.Continuous(0, 1))));
    }

    @Test
    void vjpsMatchFiniteDifferences() {
        double[][] h = {{0.3, -1.2, 0.7, 2.1, -0.4}};
        double[][] w = {{0.5, -1, 2, 0.1, 0.3, -0.7, 1.1, 0.2, 0.9}};
        Encoder[] encs = {new UnitNormEncoder(5, spec(9, new InputDomain.Continuous(0, 1))),
            UnitNormEncoder.shifted(5, spec(9, new InputDomain.Continuous(0, 1))),
            new SlmEncoder(5, spec(9, new InputDomain.Continuous(0, 1)), 2, 1),
            SlmEncoder.labelMask(5, spec(9, new InputDomain.Continuous(0, 1)), 2, 0.4),
            new SlmEncoder(5, spec(9, new InputDomain.Continuous(0, 1)))};
        for (Encoder enc : encs) {
            double[][] dh = enc.vjp(h, w);
            for (int j = 0; j < 5; j++) {
                double[][] hp = {h[0].clone()}, hm = {h[0].clone()};
                hp[0][j] += 1e-6;
                hm[0][j] -= 1e-6;
                double fd = (dot(enc.encode(hp)[0], w[0]) - dot(enc.encode(hm)[0], w[0])) / 2e-6;
                assertEquals(fd, dh[0][j], 1e-5, enc + " input " + j);
            }
        }
    }

    @Test
    void labelBandShowsEachLabelOnItsSegmentAndTheRestBelow() {
        // 4x4 SLM, 2 labels on the top row (2 pixels each), 4 features on a 2x2 tile resized to 3 rows x 4 columns
        var enc = new SlmEncoder(6, spec(16, new InputDomain.Continuous(0, 1)), 2, 1);
        double[] e = enc.encode(new double[][] {{0, 1, 0, 0.5, 0.25, 1}})[0];
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0.5, 0.5, 0, 0, 0.5, 0.5, 0.25, 0.25, 1, 1}, e, 1e-12);
        double[][] h = {{0.2, -0.3, 0.9, 0.1, 0.4, -0.8, 0.6}};
        var plain = new SlmEncoder(7, spec(16, new InputDomain.Continuous(0, 1)));
        assertArrayEquals(plain.encode(h)[0], new SlmEncoder(7, spec(16, new InputDomain.Continuous(0, 1)), 0, 0).encode(h)[0], 0);
        assertThrows(IllegalArgumentException.class, () -> new SlmEncoder(6, spec(16, new InputDomain.Continuous(0, 1)), 5, 1));
        assertThrows(IllegalArgumentException.class, () -> new SlmEncoder(6, spec(16, new InputDomain.Continuous(0, 1)), 2, 4));
    }

    @Test
    void labelMaskAddsOneFixedPatternPerLabelToTheWholeImage() {
        // 4x4 SLM, 2 labels, 4 image entries on a 2x2 tile resized to 4x4; depth 0.5
        var sp = spec(16, new InputDomain.Continuous(0, 1));
        var enc = SlmEncoder.labelMask(6, sp, 2, 0.5);
        double[] img = {0, 0.5, 0.25, 1};
        double[] none = enc.encode(new double[][] {{0, 0, 0, 0.5, 0.25, 1}})[0];
        double[] plain = new SlmEncoder(4, sp).encode(new double[][] {img})[0];
        for (int p = 0; p < 16; p++) assertEquals(0.5 * plain[p], none[p], 1e-12, "no label: half-range image, no pattern, pixel " + p);
        // the label value does not change the scaling (min-max over the image entries only)
        double[] a = enc.encode(new double[][] {{3, 0, 0, 0.5, 0.25, 1}})[0], a2 = enc.encode(new double[][] {{0.1, 0, 0, 0.5, 0.25, 1}})[0];
        double[] b = enc.encode(new double[][] {{0, 3, 0, 0.5, 0.25, 1}})[0];
        assertArrayEquals(a, a2, 0);
        int differ = 0;
        for (int p = 0; p < 16; p++) {
            double ma = a[p] - none[p], mb = b[p] - none[p];
            assertTrue(Math.abs(ma) < 1e-12 || Math.abs(ma - 0.5) < 1e-12, "pattern values are 0 or depth, pixel " + p + ": " + ma);
            assertTrue(Math.abs(mb) < 1e-12 || Math.abs(mb - 0.5) < 1e-12, "pattern values are 0 or depth, pixel " + p + ": " + mb);
            if (Math.abs(ma - mb) > 1e-12) differ++;
            assertTrue(a[p] >= 0 && a[p] <= 1 && b[p] >= 0 && b[p] <= 1);
        }
        assertTrue(differ >= 3, "the two labels' patterns differ on " + differ + " of 16 pixels");
        // a fixed pattern: the same encoder built again gives the same values
        assertArrayEquals(a, SlmEncoder.labelMask(6, sp, 2, 0.5).encode(new double[][] {{3, 0, 0, 0.5, 0.25, 1}})[0], 0);
        assertThrows(IllegalArgumentException.class, () -> SlmEncoder.labelMask(6, sp, 2, 1.0));
        assertThrows(IllegalArgumentException.class, () -> SlmEncoder.labelMask(6, sp, 0, 0.5));
    }

    @Test
    void shiftedUnitNormKeepsTheSign() {
        var enc = UnitNormEncoder.shifted(3, spec(4, new InputDomain.Continuous(0, 1)));
        double[] e = enc.encode(new double[][] {{-1, 1, 0}})[0];
        // u = (0, 2, 1), ||u|| = sqrt(5)
        assertArrayEquals(new double[] {0, 2 / Math.sqrt(5), 1 / Math.sqrt(5), 0}, e, 1e-12);
        double[] plain = new UnitNormEncoder(3, spec(4, new InputDomain.Continuous(0, 1))).encode(new double[][] {{-1, 1, 0}})[0];
        assertEquals(plain[0], plain[1], 1e-12);   // |h| cannot tell -1 from +1
        assertArrayEquals(new double[4], enc.encode(new double[][] {{2, 2, 2}})[0], 0);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
