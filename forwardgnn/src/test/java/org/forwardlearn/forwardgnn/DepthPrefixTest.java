package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * For the greedy methods the d-layer model is exactly the first d layers of a deeper run: the table command derives
 * depths 1..D from one D-layer run and relies on this.
 */
class DepthPrefixTest {
    @ParameterizedTest
    @CsvSource({"node,sf,gcn", "node,symba-la,sage", "node,ff-vn,gcn", "node,ff-la,gat", "link,fl-ce,gcn", "link,fl-symba,sage"})
    void theFirstLayersOfADeeperRunAreTheShallowRun(String task, String method, String conv) {
        GraphData g = TestGraphs.planted(90, 3, 12, true, 5);
        GnnConfig base = GnnConfig.defaults().withGraph(g).withTask(task).withMethod(method).withConv(conv).withHidden(16)
                .withEpochs(12).withPatience(3);
        assertTrue(base.depthPrefix());
        GnnResult two = new GnnExperiment(base.withLayers(2)).run(null);
        GnnResult three = new GnnExperiment(base.withLayers(3)).run(null);
        assertEquals(2, two.layerMetrics().size());
        assertEquals(3, three.layerMetrics().size());
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(two.layerMetrics().get(l), three.layerMetrics().get(l), 0.0, "layer " + l + " metrics");
            assertEquals(two.training().layers().get(l).epochs(), three.training().layers().get(l).epochs(), "layer " + l + " epochs");
            List<Parameter> a = two.model().convs().get(l).parameters(), b = three.model().convs().get(l).parameters();
            for (int p = 0; p < a.size(); p++) {
                assertArrayEquals(a.get(p).value().data, b.get(p).value().data, 0.0, "layer " + l + " " + a.get(p).name());
            }
        }
        double[] last = two.layerMetrics().get(1);
        if (task.equals("node")) {
            assertEquals(two.valAccuracy(), last[0], 0.0);
            assertEquals(two.testAccuracy(), last[1], 0.0);
        } else {
            assertEquals(two.valAuc(), last[0], 0.0);
            assertEquals(two.testAuc(), last[1], 0.0);
        }
    }

    @ParameterizedTest
    @CsvSource({"node,bp", "node,sf-top-input", "node,sf-top-loss", "link,bp", "link,fl-ce-top"})
    void methodsThatAreNotGreedyPrefixesSaySo(String task, String method) {
        assertFalse(GnnConfig.defaults().withTask(task).withMethod(method).depthPrefix());
    }
}
