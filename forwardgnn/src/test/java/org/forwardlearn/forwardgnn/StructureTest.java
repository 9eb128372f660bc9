package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.train.LayerReport;
import org.forwardlearn.forwardgnn.eval.Metrics;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.graph.Topology;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.Convs;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.linkpred.EdgeSplit;
import org.forwardlearn.forwardgnn.nodeclass.VirtualNodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Structural guarantees: augmentation, locality, permutation invariance, splits and metrics. */
class StructureTest {
    @Test
    void virtualNodesNeverTouchValidationOrTestNodes() {
        GraphData g = TestGraphs.planted(50, 4, 6, true, 11);
        Split s = TestGraphs.split(50);
        int[] cls = new int[s.train().length];
        for (int t = 0; t < cls.length; t++) cls[t] = g.labels()[s.train()[t]];
        for (boolean bi : new boolean[] {true, false}) {
            VirtualNodes v = VirtualNodes.augment(g, s.train(), cls, bi, VirtualNodes.randomFeatures(4, 6, new Random(1)));
            Topology t = v.topology();
            Set<Integer> heldOut = new HashSet<>();
            for (int i : s.val()) heldOut.add(i);
            for (int i : s.test()) heldOut.add(i);
            int[][] e = t.edges();
            int virtual = 0;
            for (int k = 0; k < e[0].length; k++) {
                boolean vs = e[0][k] >= 50, vd = e[1][k] >= 50;
                if (!vs && !vd) continue;
                virtual++;
                int real = vs ? e[1][k] : e[0][k];
                assertFalse(heldOut.contains(real), "virtual edge touches held-out node " + real);
                assertEquals(g.labels()[real], (vs ? e[0][k] : e[1][k]) - 50, "wired to the wrong class");
            }
            assertEquals(s.train().length * (bi ? 2 : 1), virtual);
        }
    }

    @Test
    void trainingALayerNeverChangesAnEarlierLayer() {
        GraphData g = TestGraphs.planted(60, 3, 10, true, 12).withRowSumNormalizedFeatures();
        Random r = new Random(5);
        List<GraphConv> convs = org.forwardlearn.forwardgnn.nodeclass.NodeMethods.stack("gcn", 10, 16, 3, r);
        var sf = org.forwardlearn.forwardgnn.nodeclass.SingleForward.create(convs, g, TestGraphs.split(60), true, 1, r);
        List<double[][]> afterLayer = new ArrayList<>();
        var cfg = new GnnExperiment(GnnConfig.defaults().withGraph(g).withEpochs(20)).trainerConfig();
        new org.forwardlearn.core.train.LayerwiseTrainer(cfg).fit(sf, new TrainingListener() {
            @Override public void onLayerEnd(LayerReport rep) {
                List<Parameter> ps = convs.get(0).parameters();
                double[][] snap = new double[ps.size()][];
                for (int i = 0; i < ps.size(); i++) snap[i] = ps.get(i).value().data.clone();
                afterLayer.add(snap);
            }
        });
        assertEquals(3, afterLayer.size());
        for (int l = 1; l < 3; l++) {
            for (int i = 0; i < afterLayer.get(0).length; i++) assertArrayEquals(afterLayer.get(0)[i], afterLayer.get(l)[i], 0.0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcn", "sage", "gat"})
    void layersArePermutationEquivariant(String kind) {
        GraphData g = TestGraphs.planted(25, 3, 6, false, 13);
        int n = 25;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = (i * 7 + 3) % n; // new id of node i
        int[][] e = g.topology().edges();
        int[] ps = new int[e[0].length], pd = new int[e[0].length];
        for (int k = 0; k < ps.length; k++) { ps[k] = perm[e[0][k]]; pd[k] = perm[e[1][k]]; }
        DMatrixRMaj x = g.features().toDense(), px = new DMatrixRMaj(n, x.numCols);
        for (int i = 0; i < n; i++) System.arraycopy(x.data, i * x.numCols, px.data, perm[i] * x.numCols, x.numCols);
        GraphConv c = Convs.create(kind, 6, 8, new Random(1));
        DMatrixRMaj h = c.forward(new ConvInput(NodeMatrix.dense(x), g.topology(), true));
        DMatrixRMaj ph = c.forward(new ConvInput(NodeMatrix.dense(px), Topology.fromEdges(n, ps, pd), true));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 8; j++) assertEquals(h.get(i, j), ph.get(perm[i], j), 1e-12);
        }
    }

    @Test
    void singleForwardPredictionsArePermutedWithTheNodes() {
        GraphData g = TestGraphs.planted(40, 3, 8, true, 14);
        int n = 40;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = (i * 11 + 5) % n;
        int[][] e = g.topology().edges();
        int[] ps = new int[e[0].length], pd = new int[e[0].length];
        for (int k = 0; k < ps.length; k++) { ps[k] = perm[e[0][k]]; pd[k] = perm[e[1][k]]; }
        DMatrixRMaj x = g.features().toDense(), px = new DMatrixRMaj(n, x.numCols);
        int[] pl = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x.data, i * x.numCols, px.data, perm[i] * x.numCols, x.numCols);
            pl[perm[i]] = g.labels()[i];
        }
        GraphData pg = new GraphData("perm", Topology.fromEdges(n, ps, pd), NodeMatrix.dense(px), pl, 3);
        Split s = TestGraphs.split(n);
        Split p = new Split(map(s.train(), perm), map(s.val(), perm), map(s.test(), perm));
        Random r1 = new Random(9), r2 = new Random(9);
        var a = org.forwardlearn.forwardgnn.nodeclass.SingleForward.create(
                org.forwardlearn.forwardgnn.nodeclass.NodeMethods.stack("gcn", 8, 8, 2, r1), g.withRowSumNormalizedFeatures(), s, true, 1, r1);
        var b = org.forwardlearn.forwardgnn.nodeclass.SingleForward.create(
                org.forwardlearn.forwardgnn.nodeclass.NodeMethods.stack("gcn", 8, 8, 2, r2), pg.withRowSumNormalizedFeatures(), p, true, 1, r2);
        var cfg = new GnnExperiment(GnnConfig.defaults().withGraph(g).withEpochs(10)).trainerConfig();
        new org.forwardlearn.core.train.LayerwiseTrainer(cfg).fit(a, TrainingListener.NONE);
        new org.forwardlearn.core.train.LayerwiseTrainer(cfg).fit(b, TrainingListener.NONE);
        int[] pa = a.predictions(), pb = b.predictions();
        double[] sa = a.scores(), sb = b.scores();
        for (int i = 0; i < n; i++) {
            assertEquals(pa[i], pb[perm[i]]);
            for (int k = 0; k < 3; k++) assertEquals(sa[i * 3 + k], sb[perm[i] * 3 + k], 1e-9);
        }
    }

    private static int[] map(int[] ids, int[] perm) {
        int[] o = new int[ids.length];
        for (int i = 0; i < ids.length; i++) o[i] = perm[ids[i]];
        return o;
    }

    @Test
    void rocAucMatchesAHandComputedCaseWithTies() {
        // pos {0.9, 0.5, 0.5}, neg {0.5, 0.1}: pairs (pos > neg) = 0.9>0.5,0.9>0.1,0.5>0.1,0.5>0.1 = 4; ties 0.5=0.5 twice = 1
        assertEquals(5.0 / 6.0, Metrics.rocAuc(new double[] {0.9, 0.5, 0.5}, new double[] {0.5, 0.1}), 1e-12);
        // AP: thresholds 0.9 (P=1, R=1/3), 0.5 (3 seen at 0.5 group: tp=3 of 4 -> P=3/4, R=1), 0.1 ignored (R unchanged)
        assertEquals(1.0 / 3 + (2.0 / 3) * 0.75, Metrics.averagePrecision(new double[] {0.9, 0.5, 0.5}, new double[] {0.5, 0.1}), 1e-12);
    }

    @Test
    void edgeSplitNegativesAndMessagePassingAreClean() {
        GraphData g = TestGraphs.planted(80, 4, 6, true, 15);
        EdgeSplit s = EdgeSplit.random(g.topology(), 0.16, 0.2, 3);
        Set<Long> edges = new HashSet<>();
        int[][] e = g.topology().edges();
        for (int k = 0; k < e[0].length; k++) edges.add(key(e[0][k], e[1][k]));
        Set<Long> negs = new HashSet<>();
        for (int[][] set : new int[][][] {s.trainNeg(), s.valNeg(), s.testNeg()}) {
            for (int[] p : set) {
                assertTrue(p[0] != p[1], "self-loop negative");
                assertFalse(edges.contains(key(p[0], p[1])) || edges.contains(key(p[1], p[0])), "negative is an edge");
                assertTrue(negs.add(key(p[0], p[1])), "duplicate negative");
            }
        }
        assertEquals(s.trainPos().length, s.trainNeg().length);
        assertEquals(s.testPos().length, s.testNeg().length);
        Topology val = s.validationGraph(), test = s.testGraph();
        Set<Long> valEdges = new HashSet<>(), testEdges = new HashSet<>();
        int[][] ve = val.edges(), te = test.edges();
        for (int k = 0; k < ve[0].length; k++) valEdges.add(key(ve[0][k], ve[1][k]));
        for (int k = 0; k < te[0].length; k++) testEdges.add(key(te[0][k], te[1][k]));
        for (int[] p : s.testPos()) {
            assertFalse(valEdges.contains(key(p[0], p[1])) || valEdges.contains(key(p[1], p[0])), "test edge used at validation");
            assertFalse(testEdges.contains(key(p[0], p[1])), "test edge used for message passing at test time");
        }
        for (int[] p : s.valPos()) assertFalse(valEdges.contains(key(p[0], p[1])), "val edge used at validation");
    }

    private static long key(int u, int v) { return ((long) u << 32) | v; }
}
