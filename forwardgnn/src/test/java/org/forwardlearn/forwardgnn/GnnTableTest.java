package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.junit.jupiter.api.Test;

/** The API table: greedy methods' shallow cells are derived from the deepest run, others are trained per depth. */
class GnnTableTest {
    private static GnnConfig base() {
        GraphData g = TestGraphs.planted(90, 3, 12, true, 5);
        return GnnConfig.defaults().withGraph(g).withHidden(16).withEpochs(12).withPatience(3);
    }

    @Test
    void derivedCellsEqualRealShallowRuns() {
        GnnConfig base = base();
        List<GnnTable.Row> rows = GnnTable.run(base, List.of(base.dataset()), List.of("sf", "bp"), List.of("gcn"), List.of(1, 2), 2, null, null);
        assertEquals(4, rows.size());
        for (GnnTable.Row r : rows) {
            for (int s = 0; s < 2; s++) {
                GnnResult real = new GnnExperiment(base.withMethod(r.method()).withConv("gcn").withLayers(r.layers()).withSplit(s)).run(null);
                assertEquals(100 * real.testAccuracy(), r.perSplit()[s], 1e-9, r.method() + " L" + r.layers() + " split " + s);
            }
            double mean = (r.perSplit()[0] + r.perSplit()[1]) / 2;
            assertEquals(mean, r.mean(), 1e-9);
            assertEquals(Math.abs(r.perSplit()[0] - mean), r.std(), 1e-9);
            assertTrue(r.wallSeconds() > 0);
        }
        assertEquals(List.of(2), GnnTable.runDepths(base, "sf", List.of(1, 2)));
        assertEquals(List.of(1, 2), GnnTable.runDepths(base, "bp", List.of(1, 2)));
        assertEquals(List.of(3), GnnTable.runDepths(base, "sf", List.of(3)));
        assertFalse(GnnTable.derivesDepths(base, "sf", List.of(3)));
    }

    @Test
    void prefixResultReadsTheFirstLayersAndRefusesShortRuns() {
        GnnResult two = new GnnExperiment(base().withMethod("sf").withLayers(2)).run(null);
        Map<String, Object> one = GnnTable.prefixResult(two.toMap(), 1, "accuracy");
        assertEquals(two.layerMetrics().get(0)[1], (double) one.get("test_accuracy"), 0);
        assertEquals(two.layerMetrics().get(0)[0], (double) one.get("val_accuracy"), 0);
        assertEquals(two.training().layers().get(0).seconds(), (double) one.get("train_seconds"), 1e-12);
        Map<String, Object> full = GnnTable.prefixResult(two.toMap(), 2, "accuracy");
        assertEquals(two.testAccuracy(), (double) full.get("test_accuracy"), 0);
        var e = assertThrows(IllegalArgumentException.class, () -> GnnTable.prefixResult(two.toMap(), 3, "accuracy"));
        assertTrue(e.getMessage().contains("3 layers") && e.getMessage().contains("got 2"), e.getMessage());
        assertEquals("auc", GnnTable.metric("link"));
    }
}
