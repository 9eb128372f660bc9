package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.core.kernel.Parallel;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerReport;
import org.forwardlearn.datasets.generate.CsbmSpec;
import org.forwardlearn.datasets.generate.StreamingCsbm;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SF-GCN on a generated graph through the large-graph path: the memory ledger equals the arrays the run holds (and the
 * heap the graph takes), two threads give the single-threaded run's losses to 1e-12 relative and the same accuracy,
 * float32 storage is within 0.5 points of double.
 */
class ScaleRunTest {
    private static final CsbmSpec SPEC = new CsbmSpec(20_000, 100_000, 16, 4, 0.7, 1.0, 12_000, 2_000, 5);
    private final int threads = Parallel.threads();
    private final Kernels.Precision precision = Kernels.precision();

    @AfterEach
    void restore() { Parallel.setThreads(threads); Kernels.usePrecision(precision); }

    static GnnConfig config(GraphData g) {
        return GnnConfig.defaults().withGraph(g).withSplit(-1).withHidden(32).withEpochs(12).withPatience(0).withLr(0.01);
    }

    static GnnResult run(GraphData g) { return new GnnExperiment(config(g)).run(TrainingListener.of()); }

    @Test
    void ledgerEqualsTheArraysOfTheRun() {
        GraphData g = GraphData.from(StreamingCsbm.generate("csbm", SPEC, false));
        GnnResult r = run(g);
        Map<String, Long> led = r.memoryLedger();
        long n = 20_000, c = 4, f = 16, h = 32, tr = 12_000, va = 2_000, nnz = 200_000;
        assertEquals(4 * (n + 1) + 4 * nnz, led.get("graph_csr"));
        assertEquals(4 * (c + 1) + 4 * tr + 4 * n + 8 * (n + c), led.get("graph_virtual_wiring"), "wiring + the GCN degree scales");
        assertEquals(8 * n * f, led.get("features"));
        assertEquals(4 * n, led.get("labels"));
        assertEquals(8 * n * c, led.get("scores"));
        // the peak is layer 1's end: its input (layer 0's output) and its output; its aggregated training/validation rows
        // (training rows + virtual nodes, validation rows + virtual nodes) were the largest row caches, dropped before
        assertEquals(8 * (n + c) * h, led.get("layer1_input"));
        assertEquals(8 * (n + c) * h, led.get("layer_output"));
        assertEquals(0L, led.get("layer1_row_aggregations"));
        assertEquals(8 * h * (tr + c + va + c), led.get("row_aggregations_max"));
        assertTrue(r.toMap().containsKey("memory_ledger_bytes"));
        assertTrue(r.testAccuracy() > 0.5, "SF-GCN learns the generated graph: " + r.testAccuracy());
    }

    @Test
    void ledgerOfTheGraphMatchesTheHeapItTakes() {
        CsbmSpec big = new CsbmSpec(200_000, 1_000_000, 32, 4, 0.7, 1.0, 20_000, 5_000, 6);
        long before = usedAfterGc();
        GraphData g = GraphData.from(StreamingCsbm.generate("csbm", big, false));
        long after = usedAfterGc();
        long ledger = g.topology().bytes(true) + MemoryLedger.features(g.features()) + 4L * g.numNodes() * 2; // labels + split
        double ratio = (double) (after - before) / ledger;
        assertTrue(ratio > 0.97 && ratio < 1.05, "retained heap / ledger = " + ratio + " (" + (after - before) + " / " + ledger + ")");
        assertEquals(200_000, g.numNodes());
    }

    private static long usedAfterGc() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    @Test
    void twoThreadsEqualOneToSummationOrder() {
        GraphData g = GraphData.from(StreamingCsbm.generate("csbm", SPEC, false));
        Parallel.setThreads(1);
        GnnResult one = run(g);
        Parallel.setThreads(2);
        GnnResult two = run(g);
        assertEquals(one.testAccuracy(), two.testAccuracy(), 0.0);
        assertEquals("2", two.provenance().config().get("threads"));
        List<LayerReport> a = one.training().layers(), b = two.training().layers();
        for (int l = 0; l < a.size(); l++) {
            for (int e = 0; e < a.get(l).history().size(); e++) {
                EpochStats x = a.get(l).history().get(e), y = b.get(l).history().get(e);
                assertEquals(x.loss(), y.loss(), 1e-12 * Math.abs(x.loss()), "layer " + l + " epoch " + e);
            }
        }
    }

    @Test
    void floatStorageWithinHalfAPointOfDouble() {
        GnnResult d = run(GraphData.from(StreamingCsbm.generate("csbm", SPEC, false)));
        Kernels.usePrecision(Kernels.Precision.FLOAT);
        GraphData gf = GraphData.from(StreamingCsbm.generate("csbm", SPEC, true));
        GnnResult f = run(gf);
        assertEquals(d.testAccuracy(), f.testAccuracy(), 0.005, "double " + d.testAccuracy() + " float " + f.testAccuracy());
        assertEquals(4 * 20_000L * 16, f.memoryLedger().get("features"), "features stored in float32");
        assertEquals(4 * 20_004L * 32, f.memoryLedger().get("layer1_input"), "activations (layer 0 output = layer 1 input) stored in float32");
    }

    /**
     * The products preset's features and classes (100 rectified Gaussian features, 47 classes, homophily 0.3, signal 2.5)
     * on 8,000 nodes: SF learns them and its scores are not tied (the old generator's min-shifted features left every
     * node on one class: accuracy exactly 1/47).
     */
    @Test
    void manyClassesAreLearnedNotTied() {
        CsbmSpec p = CsbmSpec.products(3);
        CsbmSpec small = new CsbmSpec(8_000, 96_000, p.features(), p.classes(), p.homophily(), p.signal(), 1_600, 400, 3);
        GraphData g = GraphData.from(StreamingCsbm.generate("csbm", small, false));
        GnnResult r = new GnnExperiment(config(g).withEpochs(60)).run(TrainingListener.of());
        long distinct = java.util.Arrays.stream(r.predictions()).distinct().count();
        assertTrue(distinct >= 10, "predicted classes " + distinct + " (test accuracy " + r.testAccuracy() + ")");
        assertTrue(r.testAccuracy() > 3.0 / 47, "test accuracy " + r.testAccuracy());
    }

    @Test
    void blockedStepEqualsTheOneBlockStep() {
        GraphData g = GraphData.from(StreamingCsbm.generate("csbm", SPEC, false));
        GnnResult one = run(g);
        GnnResult blocked;
        System.setProperty("forwardlearn.sfStepBlock", "1500"); // training, validation and the last layer in blocks
        try {
            blocked = run(g);
        } finally {
            System.clearProperty("forwardlearn.sfStepBlock");
        }
        // the last layer's prototypes come from their own rows there, not the whole pass: same values to rounding
        assertEquals(one.testAccuracy(), blocked.testAccuracy(), 0.001);
        assertEquals(one.valAccuracy(), blocked.valAccuracy(), 0.001);
        // reused step buffers: the largest training block (+ virtual rows when not blocked) output and gradient, the validation output
        long h = 32, c = 4;
        assertEquals(8 * h * (2 * 1_500 + 2_000), blocked.memoryLedger().get("step_buffers"), "blocks of 1,500 training rows, one of 2,000 validation rows");
        assertEquals(8 * h * (2 * (12_000 + c) + 2_000 + c), one.memoryLedger().get("step_buffers"), "one block");
        List<LayerReport> a = one.training().layers(), b = blocked.training().layers();
        for (int l = 0; l < a.size(); l++) {
            for (int e = 0; e < a.get(l).history().size(); e++) {
                double x = a.get(l).history().get(e).loss(), y = b.get(l).history().get(e).loss();
                assertEquals(x, y, 1e-12 * Math.abs(x), "layer " + l + " epoch " + e);
            }
        }
    }
}
