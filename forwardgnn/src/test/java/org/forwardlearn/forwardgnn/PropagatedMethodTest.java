package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.nodeclass.LabelPropagation;
import org.forwardlearn.forwardgnn.nodeclass.NodeMethods;
import org.forwardlearn.forwardgnn.nodeclass.NodeProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The label-propagated SF methods (issue 20): finite differences, layer locality, the propagation itself. */
class PropagatedMethodTest {
    private static GnnConfig config(GraphData g, String method, String conv, int layers) {
        return GnnConfig.defaults().withGraph(g).withMethod(method).withConv(conv).withLayers(layers).withHidden(8)
                .withSplitProtocol(SplitProtocol.RANDOM_60_20_20);
    }

    /** Central differences of each layer's whole objective (training CE + the propagated soft-target term). */
    @ParameterizedTest
    @CsvSource({"lpf-rp,gcn", "sf-rp,gcn", "sf-rp,sage", "sf-rp,gat", "sf-lt,gcn", "lpf-lt,sage"})
    void layerObjectiveGradientsMatchFiniteDifferences(String method, String conv) {
        GraphData g = TestGraphs.planted(40, 3, 8, true, 21).withRowSumNormalizedFeatures();
        GnnConfig c = config(g, method, conv, 2);
        Split s = GnnExperiment.split(c, g);
        NodeProblem p = (NodeProblem) NodeMethods.build(c, g, s, new Random(5)).problem();
        MethodGradientTest.check(p, 0, 0, method + "-" + conv);
        p.layerFinished(0);
        MethodGradientTest.check(p, 1, 0, method + "-" + conv); // layer 1's targets now come from layer 0's prediction
    }

    /**
     * Layer-local: layer l's update reads only fixed quantities. Changing a LATER layer's weights before training
     * leaves every earlier layer's loss and gradient unchanged, and the 2-layer run is the first 2 layers of a 3-layer run.
     */
    @Test
    void aLayersUpdateDoesNotDependOnLaterLayers() {
        GraphData g = TestGraphs.planted(60, 3, 8, true, 23).withRowSumNormalizedFeatures();
        GnnConfig c = config(g, "lpf-rp", "gcn", 3);
        Split s = GnnExperiment.split(c, g);
        NodeProblem a = (NodeProblem) NodeMethods.build(c, g, s, new Random(9)).problem();
        NodeProblem b = (NodeProblem) NodeMethods.build(c, g, s, new Random(9)).problem();
        for (Parameter q : b.parameters(2)) for (int i = 0; i < q.size(); i++) q.value().data[i] += 0.5; // later layer differs
        for (int l = 0; l < 2; l++) {
            double la = step(a, l), lb = step(b, l);
            assertEquals(la, lb, 0.0, "layer " + l + " loss");
            for (int q = 0; q < a.parameters(l).size(); q++) {
                assertArrayEquals(a.parameters(l).get(q).grad().data, b.parameters(l).get(q).grad().data, 0.0, "layer " + l + " grad");
            }
            a.layerFinished(l);
            b.layerFinished(l);
        }
        GnnConfig base = c.withEpochs(12).withPatience(3);
        assertTrue(base.depthPrefix());
        GnnResult two = new GnnExperiment(base.withLayers(2)).run(null), three = new GnnExperiment(base.withLayers(3)).run(null);
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(two.layerMetrics().get(l), three.layerMetrics().get(l), 0.0, "layer " + l + " metrics");
            List<Parameter> pa = two.model().convs().get(l).parameters(), pb = three.model().convs().get(l).parameters();
            for (int q = 0; q < pa.size(); q++) assertArrayEquals(pa.get(q).value().data, pb.get(q).value().data, 0.0);
        }
    }

    /**
     * Planetoid Cora, DFA-GNN's split 0, one SF layer (64 wide, 80 epochs at lr 1e-2): Correct and Smooth of the same
     * trained layer (lpf trains exactly as sf) lifts test accuracy from the measured 85.27 % to 86.74 % (543 test nodes).
     */
    @Test
    void lpfBeatsSfOnPlanetoidCoraWithTheSameTraining() {
        java.nio.file.Path dir = org.forwardlearn.datasets.Datasets.defaultDataDir();
        org.junit.jupiter.api.Assumptions.assumeTrue(dir != null && java.nio.file.Files.isDirectory(dir.resolve("planetoid")),
                "Planetoid data not available");
        GnnConfig c = GnnConfig.defaults().withDataDir(dir).withDataset("cora").withSplitProtocol(SplitProtocol.RANDOM_60_20_20)
                .withSplit(0).withLayers(1).withHidden(64).withEpochs(80).withLr(1e-2).withValidateEvery(4);
        GnnResult sf = new GnnExperiment(c.withMethod("sf")).run(null), lpf = new GnnExperiment(c.withMethod("lpf")).run(null);
        assertEquals(sf.training().layers().get(0).bestEpoch(), lpf.training().layers().get(0).bestEpoch(), "same training");
        assertEquals(0.8527, sf.testAccuracy(), 0.01, "sf");
        assertEquals(0.8674, lpf.testAccuracy(), 0.01, "lpf");
        assertTrue(lpf.testAccuracy() > sf.testAccuracy() + 0.005, "C&S gain " + (lpf.testAccuracy() - sf.testAccuracy()));
    }

    private static double step(NodeProblem p, int layer) {
        for (Parameter q : p.parameters(layer)) q.zeroGrad();
        return p.lossAndGradient(layer, 0, 0);
    }

    /** Label propagation against its closed form (1 - a) (I - a S)^-1 Y on a path graph, and C&S keeps training labels. */
    @Test
    void propagationMatchesTheClosedFormAndSmoothingKeepsTrainingLabels() {
        GraphData g = TestGraphs.planted(12, 2, 4, false, 3);
        var s = g.topology().gcn();
        int n = g.numNodes(), c = 2;
        double alpha = 0.5;
        double[] y = LabelPropagation.oneHot(g.labels(), new int[] {0, 1}, n, c);
        double[] z = LabelPropagation.propagate(s, y, c, alpha);
        // closed form by solving (I - a S) Z = (1 - a) Y with EJML
        org.ejml.data.DMatrixRMaj m = s.toDense();
        org.ejml.dense.row.CommonOps_DDRM.scale(-alpha, m);
        for (int i = 0; i < n; i++) m.add(i, i, 1);
        org.ejml.data.DMatrixRMaj rhs = org.ejml.data.DMatrixRMaj.wrap(n, c, y.clone());
        org.ejml.dense.row.CommonOps_DDRM.scale(1 - alpha, rhs);
        org.ejml.data.DMatrixRMaj exact = new org.ejml.data.DMatrixRMaj(n, c);
        assertTrue(org.ejml.dense.row.CommonOps_DDRM.solve(m, rhs, exact));
        assertArrayEquals(exact.data, z, 1e-12);
        double[] uniform = new double[n * c];
        java.util.Arrays.fill(uniform, 0.5);
        double[] cs = LabelPropagation.correctAndSmooth(s, uniform, g.labels(), new int[] {0, 1}, c, 0.0, 0.0);
        assertArrayEquals(uniform, cs, 0.0); // both steps off: the base prediction
        double[] t = LabelPropagation.distributions(new double[] {-1, 3, 0, 0}, 2);
        assertArrayEquals(new double[] {0, 1, 0.5, 0.5}, t, 0.0);
    }
}
