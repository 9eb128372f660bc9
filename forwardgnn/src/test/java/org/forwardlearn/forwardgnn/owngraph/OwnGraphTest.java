package org.forwardlearn.forwardgnn.owngraph;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import org.forwardlearn.datasets.table.FeatureNorm;
import org.forwardlearn.datasets.table.TableGraph;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.GnnExperiment;
import org.forwardlearn.forwardgnn.GnnModel;
import org.forwardlearn.forwardgnn.GnnResult;
import org.forwardlearn.forwardgnn.GraphInput;
import org.forwardlearn.forwardgnn.NodePredictions;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on a user's graph (explicit split, ids, feature rule), saving, loading and predicting, on a planted-partition
 * graph of 600 nodes with signed Gaussian features (5 classes, chance 0.2).
 */
class OwnGraphTest {
    static final PlantedTables P = new PlantedTables(600, 5, 8, 0.7, 16, 0.5, 3, true);

    @TempDir Path dir;

    static GnnConfig cfg(String conv) {
        return GnnConfig.defaults().withConv(conv).withHidden(32).withEpochs(120).withPatience(10).withLr(0.01).withSeed(2);
    }

    @Test
    void predictOnTheTrainingGraphEqualsTheTrainingRunForEveryConvAndRule() throws Exception {
        TableGraph t = P.all();
        for (String[] c : new String[][] {{"gcn", "none"}, {"sage", "standardize"}, {"gat", "row-l2"}}) {
            GraphInput in = GraphInput.of(t, FeatureNorm.parse(c[1]));
            GnnResult r = new GnnExperiment(cfg(c[0]).withLayers(2), in).run(null);
            assertEquals(c[1], r.provenance().toMap().get("config") instanceof Map<?, ?> m ? m.get("features_norm") : null, "rule in provenance");
            Path f = dir.resolve(c[0] + ".flck");
            r.model().save(f);
            NodePredictions p = GnnModel.load(f).predict(in);
            assertArrayEquals(r.predictions(), p.predicted(), c[0] + "/" + c[1] + ": predict = the training run's predictions");
            assertEquals(r.testAccuracy(), p.accuracy(in.split().test(), t.graph().labels()), 0.0);
            assertEquals(t.ids(), p.ids());
            double rowSum = 0;
            for (int k = 0; k < p.numClasses(); k++) rowSum += p.score(7, k);
            assertEquals(1.0, rowSum, 1e-12, "per-class scores sum to 1");
            assertTrue(r.testAccuracy() > 0.6, c[0] + " well above chance 0.2 (got " + r.testAccuracy() + ")");
        }
    }

    @Test
    void inductivePredictionOnUnseenNodes() throws Exception {
        GnnResult trans = new GnnExperiment(cfg("gcn"), GraphInput.of(P.all())).run(null);
        GnnResult ind = new GnnExperiment(cfg("gcn"), GraphInput.of(P.withoutTest())).run(null);
        Path f = dir.resolve("m.flck");
        ind.model().save(f);
        GraphInput whole = GraphInput.of(P.all());
        double acc = GnnModel.load(f).predict(whole).accuracy(whole.split().test(), P.labels);
        System.out.printf("own graph (600 nodes): transductive test %.4f, inductive on the unseen test nodes %.4f%n", trans.testAccuracy(), acc);
        assertTrue(acc > 0.6, "far above chance 0.2 on nodes the model never saw (got " + acc + ")");
        assertEquals(trans.testAccuracy(), acc, 0.08, "inductive close to transductive");
    }

    @Test
    void rowSumRefusesSignedFeaturesNamingTheNode() {
        GraphInput in = GraphInput.of(P.all(), FeatureNorm.ROW_SUM);
        String m = assertThrows(FeatureNorm.RefusedException.class, () -> new GnnExperiment(cfg("gcn"), in).run(null)).getMessage();
        assertTrue(m.startsWith("Expected feature rows with a positive sum for features-norm row-sum (got sum "), m);
        assertTrue(m.contains("on node 'n"), m);
    }

    @Test
    void catalogueAndWithGraphKeepRowSumAndSayIt() {
        GnnExperiment e = new GnnExperiment(GnnConfig.defaults());
        assertEquals(FeatureNorm.ROW_SUM, e.featureNorm());
        assertEquals("row-sum", e.provenance().toMap().get("config") instanceof Map<?, ?> m ? m.get("features_norm") : null);
        assertEquals(FeatureNorm.NONE, new GnnExperiment(GnnConfig.defaults(), GraphInput.of(P.all())).featureNorm(),
                "user tables default to none");
    }

    /** Embedding forwardgnn pulls neither Parquet nor Hadoop (they live in module datasets-parquet). */
    @Test
    void noParquetOrHadoopOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.parquet.io.InputFile"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.hadoop.conf.Configuration"));
    }

    @Test
    void withDatasetAfterWithGraphIsAnError() {
        GnnConfig g = GnnConfig.defaults().withGraph(GraphInput.of(P.all()).graph());
        String m = assertThrows(IllegalStateException.class, () -> g.withDataset("cora")).getMessage();
        assertEquals("Expected withDataset or withGraph, not both (got withDataset('cora') after withGraph('planted'))", m);
    }

    @Test
    void withGraphAfterWithDatasetOfAnotherDatasetIsAnError() {
        GraphData planted = GraphInput.of(P.all()).graph();
        String m = assertThrows(IllegalStateException.class,
                () -> GnnConfig.defaults().withDataset("cora").withGraph(planted)).getMessage();
        assertEquals("Expected withDataset or withGraph, not both (got withGraph('planted') after withDataset('cora'))", m);
        // the graph loaded from the named dataset (the CLI's path) and a graph on the defaults stay allowed
        assertEquals("planted", GnnConfig.defaults().withDataset("planted").withGraph(planted).graph().id());
        assertEquals("planted", GnnConfig.defaults().withGraph(planted).graph().id());
    }

    @Test
    void linkModelScoresEdgesAboveNonEdges() {
        GraphInput in = GraphInput.of(P.all());
        GnnResult r = new GnnExperiment(cfg("gcn").withTask("link"), in).run(null);
        int[][] edges = new int[200][], random = new int[200][];
        java.util.Random rng = new java.util.Random(1);
        for (int k = 0; k < 200; k++) {
            edges[k] = new int[] {P.src[k], P.dst[k]};
            random[k] = new int[] {rng.nextInt(P.n), rng.nextInt(P.n)};
        }
        double[] se = r.model().scorePairs(in, edges), sr = r.model().scorePairs(in, random);
        double wins = 0;
        for (double a : se) for (double b : sr) wins += a > b ? 1 : a == b ? 0.5 : 0;
        double auc = wins / (se.length * (double) sr.length);
        assertTrue(auc > 0.65, "listed edges score above random pairs (AUC " + auc + ")");
        assertThrows(IllegalArgumentException.class, () -> r.model().predict(in), "a link model does not classify nodes");
    }
}
