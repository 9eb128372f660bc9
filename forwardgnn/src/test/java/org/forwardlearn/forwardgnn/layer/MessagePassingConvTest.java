package org.forwardlearn.forwardgnn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.GnnExperiment;
import org.forwardlearn.forwardgnn.GnnModel;
import org.forwardlearn.forwardgnn.GnnResult;
import org.forwardlearn.forwardgnn.ConvGradients;
import org.forwardlearn.forwardgnn.GraphInput;
import org.forwardlearn.forwardgnn.TestGraphs;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.nodeclass.NodeMethods;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The conv extension point: a user conv written as message / aggregate / update ({@link MeanRootConv}) has the
 * gradients of its finite differences, equals the built-in conv it re-implements (SAGE), and, registered by name,
 * trains with SF and with every other method, saves and loads.
 */
class MessagePassingConvTest {
    @TempDir Path dir;

    @BeforeAll
    static void register() { MeanRootConv.register(); }

    @ParameterizedTest
    @CsvSource({"true,true,true", "true,false,false", "false,true,true", "false,false,true", "true,true,false"})
    void parameterAndInputGradientsMatchFiniteDifferences(boolean gated, boolean sparse, boolean constant) {
        GraphData g = TestGraphs.planted(12, 3, 6, sparse, 7);
        Random rng = new Random(3);
        GraphConv c = new MeanRootConv(6, 5, gated, rng);
        ConvInput in = new ConvInput(g.features(), g.topology(), constant);
        DMatrixRMaj r = new DMatrixRMaj(12, 5);
        for (int i = 0; i < r.data.length; i++) r.data[i] = rng.nextGaussian();
        for (Parameter p : c.parameters()) p.zeroGrad();
        c.preActivation(in);
        c.backward(in, r);
        int checked = ConvGradients.checkParameters(c, in, r);
        assertEquals(6 * 5 * 2 + 5 + (gated ? 6 : 0), checked);
        double[][] before = new double[c.parameters().size()][];
        for (int k = 0; k < before.length; k++) before[k] = c.parameters().get(k).grad().data.clone();
        c.preActivation(in);
        DMatrixRMaj dx = c.inputGradient(in, r);
        for (int k = 0; k < before.length; k++) {
            double[] now = c.parameters().get(k).grad().data;
            for (int i = 0; i < now.length; i++) assertEquals(before[k][i], now[i], 0.0, "inputGradient leaves parameter gradients alone");
        }
        ConvGradients.checkInput(c, g, constant, r, dx, 1);
    }

    @Test
    void ungatedMeanRootIsSageOutputAndGradients() {
        GraphData g = TestGraphs.planted(20, 3, 7, true, 11);
        GraphConv mine = new MeanRootConv(7, 6, false, new Random(4)), sage = new SageConv(7, 6, new Random(4));
        for (int k = 0; k < 3; k++) sage.parameters().get(k).value().data[0] += 0.01 * k;   // a nonzero bias too
        mine.copyParametersFrom(sage);
        DMatrixRMaj r = new DMatrixRMaj(20, 6);
        Random rng = new Random(1);
        for (int i = 0; i < r.data.length; i++) r.data[i] = rng.nextGaussian();
        ConvInput a = new ConvInput(g.features(), g.topology(), true), b = new ConvInput(g.features(), g.topology(), true);
        DMatrixRMaj za = mine.preActivation(a), zb = sage.preActivation(b);
        for (int i = 0; i < za.data.length; i++) assertEquals(zb.data[i], za.data[i], 1e-12, "z[" + i + "]");
        mine.backward(a, r);
        sage.backward(b, r);
        for (int k = 0; k < 3; k++) {
            double[] ga = mine.parameters().get(k).grad().data, gb = sage.parameters().get(k).grad().data;
            for (int i = 0; i < gb.length; i++) assertEquals(gb[i], ga[i], 1e-12, sage.parameters().get(k).name() + "[" + i + "]");
        }
    }

    @Test
    void theRegistryFindsItByNameAndRefusesUnknownOrTakenNames() {
        assertTrue(GnnConfig.convs().containsAll(java.util.List.of("gcn", "sage", "gat", MeanRootConv.NAME, MeanRootConv.GATED)));
        assertEquals(MeanRootConv.NAME, Convs.create(MeanRootConv.NAME, 4, 3, new Random(1)).kind());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Convs.create("nope", 4, 3, new Random(1)));
        assertTrue(e.getMessage().startsWith("Expected conv one of [gcn, sage, gat") && e.getMessage().endsWith("(got 'nope')"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConvRegistry.register(ConvFactory.of("gcn", GcnConv::new)));
        assertThrows(IllegalArgumentException.class, () -> GnnConfig.defaults().withConv("nope"));
    }

    /** SF with the user conv on a 300-node planted graph (4 classes, chance 0.25): equal to SF-SAGE, saved and loaded by kind. */
    @Test
    void sfTrainsTheUserConvLikeTheBuiltInItReimplements() throws Exception {
        GraphData g = TestGraphs.planted(300, 4, 16, false, 13);
        GraphInput in = GraphInput.of(g, TestGraphs.split(300), org.forwardlearn.datasets.table.FeatureNorm.NONE);
        GnnConfig c = GnnConfig.defaults().withHidden(32).withEpochs(60).withPatience(10).withLr(0.01).withSeed(2);
        GnnResult mine = new GnnExperiment(c.withConv(MeanRootConv.NAME), in).run(null);
        GnnResult sage = new GnnExperiment(c.withConv("sage"), in).run(null);
        assertTrue(mine.testAccuracy() > 0.6, "well above chance 0.25 (got " + mine.testAccuracy() + ")");
        assertEquals(sage.testAccuracy(), mine.testAccuracy(), 0.02, "SF-" + MeanRootConv.NAME + " = SF-SAGE");
        Path f = dir.resolve("mine.flck");
        mine.model().save(f);
        GnnModel back = GnnModel.load(f);
        assertEquals(MeanRootConv.NAME, back.convs().get(0).kind());
        assertEquals(mine.testAccuracy(), back.predict(in).accuracy(in.split().test(), in.graph().labels()), 0.0);
    }

    /** Every node method and the forward link methods run with the gated user conv (a few epochs, finite metrics). */
    @Test
    void everyMethodRunsWithTheUserConv() {
        GraphData g = TestGraphs.planted(40, 3, 6, false, 5);
        GnnConfig c = GnnConfig.defaults().withGraph(g).withConv(MeanRootConv.GATED).withHidden(8).withEpochs(4).withValidateEvery(1);
        for (String m : NodeMethods.names()) {
            GnnResult r = new GnnExperiment(c.withMethod(m)).run(null);
            assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1, m + " test accuracy " + r.testAccuracy());
        }
        for (String m : org.forwardlearn.forwardgnn.linkpred.LinkMethods.names()) {
            GnnResult r = new GnnExperiment(c.withTask("link").withMethod(m)).run(null);
            assertTrue(r.testAuc() >= 0 && r.testAuc() <= 1, m + " test AUC " + r.testAuc());
        }
    }
}
