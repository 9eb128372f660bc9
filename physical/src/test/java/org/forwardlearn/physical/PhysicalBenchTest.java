package org.forwardlearn.physical;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.forwardlearn.physical.encode.SlmEncoder;
import org.junit.jupiter.api.Test;

/** Bench argument parsing and table formatting (no device runs), per-block options, the default SLM layout. */
class PhysicalBenchTest {
    @Test
    void parsesArgumentsAndRejectsBadOnes() {
        var spec = PhysicalBench.config(new String[] {"fashion-mnist", "pff,insilico", "0,1", "3", "1000", "0.001"}, null);
        assertEquals(List.of("pff", "insilico"), spec.methods());
        assertArrayEquals(new long[] {0, 1}, spec.seeds());
        assertEquals(3, spec.config().epochs());
        assertEquals(1000, spec.config().trainLimit());
        assertEquals(0.001, spec.config().drift());
        assertTrue(spec.config().redraw());
        assertThrows(IllegalArgumentException.class, () -> PhysicalBench.config(new String[] {"vowels", "pff"}, null));
        assertThrows(IllegalArgumentException.class, () -> PhysicalBench.config(new String[] {"vowels", "pff", "x"}, null));
        assertThrows(IllegalArgumentException.class, () -> PhysicalBench.config(new String[] {"mnist", "pff", "0"}, null));
    }

    @Test
    void formatsMeanAndSpreadOverSeeds() {
        PhysicalResult a = new PhysicalResult("pff", "vowels", "acoustic", 2, 0, 0.9, Double.NaN, 10, 100, 1000, 1.0, List.of(), Map.of());
        PhysicalResult b = new PhysicalResult("pff", "vowels", "acoustic", 2, 1, 0.8, Double.NaN, 30, 300, 3000, 3.0, List.of(), Map.of());
        String t = PhysicalBench.table(List.of(new PhysicalBench.Row("pff", List.of(a, b))));
        assertTrue(t.startsWith("| method |"), t);
        assertTrue(t.contains("| pff | 85.00 % ± 7.07 (90.0, 80.0) | 20 | 200 | 2.00e+03 | 2.0 |\n"), t);
        assertFalse(t.contains("readout"), t);
    }

    @Test
    void addsTheReadoutColumnWhenPresent() {
        PhysicalResult a = new PhysicalResult("pff", "fashion-mnist", "optical", 2, 0, 0.8, Double.NaN, 10, 100, 1000, 1.0, List.of(),
                Map.of("readout_test_accuracy", 0.84));
        PhysicalResult b = new PhysicalResult("pff", "fashion-mnist", "optical", 2, 1, 0.8, Double.NaN, 10, 100, 1000, 1.0, List.of(),
                Map.of("readout_test_accuracy", 0.86));
        PhysicalResult c = new PhysicalResult("bp", "fashion-mnist", "optical", 2, 0, 0.9, Double.NaN, 0, 0, 1000, 1.0, List.of(), Map.of());
        String t = PhysicalBench.table(List.of(new PhysicalBench.Row("pff", List.of(a, b)), new PhysicalBench.Row("bp", List.of(c))));
        assertTrue(t.contains("| pff | 80.00 % ± 0.00 (80.0, 80.0) | 10 | 100 | 1.00e+03 | 1.0 | 85.00 % ± 1.41 (84.0, 86.0) |"), t);
        assertTrue(t.contains("| bp | 90.00 % ± 0.00 (90.0) | 0 | 0.00 | 1.00e+03 | 1.0 | – |"), t);
    }

    @Test
    void blockOptionsOverrideOnlyTheirBlock() {
        Map<String, String> o = Map.of("slm-side", "29", "slm-side@1", "8", "camera", "128");
        assertEquals(Map.of("slm-side", "29", "camera", "128"), PhysicalExperiment.blockOptions(o, 0));
        assertEquals(Map.of("slm-side", "8", "camera", "128"), PhysicalExperiment.blockOptions(o, 1));
    }

    @Test
    void fashionMnistDefaultsAreTheTunedOnes() {
        var d = PhysicalExperiment.Config.defaults("fashion-mnist");
        assertEquals("centre", d.standardise());
        assertEquals(10.0, d.pff().alpha());
        assertEquals(64, d.pff().hidden());
        assertEquals("cosine", d.pff().goodness());
        assertTrue(d.pff().readout());
        assertEquals(5, d.epochs());
        assertEquals("512", d.systemOptions().get("camera"));
        assertEquals("slm-label", d.pff().encoder());
        assertEquals("none", PhysicalExperiment.Config.defaults("vowels").standardise());
        assertThrows(IllegalArgumentException.class, () -> d.withStandardise("whiten"));
    }

    @Test
    void vowelProtocolDefaultsToThePaperAndIsPickedByTheDatasetArgument() {
        assertEquals(org.forwardlearn.physical.data.Vowels.Protocol.PAPER, PhysicalExperiment.Config.defaults("vowels").vowels());
        assertEquals(2, PhysicalExperiment.Config.defaults("vowels").blocks());
        var mw = PhysicalExperiment.Config.defaults("vowels", "microwave");
        assertEquals(3, mw.blocks(), "the paper's microwave network has 3 blocks");
        assertEquals("40", mw.systemOptions().get("elements"));
        assertEquals("paper", PhysicalBench.config(new String[] {"vowels:paper", "pff", "0"}, null).config().vowels().toString());
        var spec = PhysicalBench.config(new String[] {"vowels:token/global", "pff", "0"}, null);
        assertEquals("token/global", spec.config().vowels().toString());
        var e = assertThrows(IllegalArgumentException.class, () -> PhysicalBench.config(new String[] {"fashion-mnist:talker/talker", "pff", "0"}, null));
        assertTrue(e.getMessage().contains("only after vowels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PhysicalBench.config(new String[] {"vowels:talker", "pff", "0"}, null));
    }

    @Test
    void defaultFashionMnistSlmShowsEveryLabelEntry() {
        var d = PhysicalExperiment.Config.defaults("fashion-mnist");
        int side = Integer.parseInt(d.systemOptions().get("slm-side"));
        var spec = new SystemSpec("t", "t", side * side, 8, new InputDomain.Continuous(0, 1), 16);
        var enc = org.forwardlearn.physical.pff.Encoders.create(d.pff().encoder(), d.pff().encoderBits(), 10 + 784, spec, 10);
        assertInstanceOf(SlmEncoder.class, enc);
        for (int label = 0; label < 10; label++) {
            double[][] h = new double[1][794];
            h[0][label] = 1;
            double[] e = enc.encode(h)[0];
            double sum = 0;
            for (double v : e) sum += v;
            assertTrue(sum > 0, "label " + label + " is not shown on the SLM");
            assertEquals(11, sum, 0, "label " + label + " pixels");   // 4 band rows x 29 / 10 labels
        }
    }
}
