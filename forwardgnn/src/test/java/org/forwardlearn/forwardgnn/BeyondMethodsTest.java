package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.baseline.BackpropNodeClassifier;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.nodeclass.FeaturePropagation;
import org.forwardlearn.forwardgnn.nodeclass.NodeMethods;
import org.forwardlearn.forwardgnn.nodeclass.NodeProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Issue 20's second round: BP with dropout (the baseline's protocol option) and SIGN-style feature propagation. */
class BeyondMethodsTest {
    /** Dropout's backward against finite differences (the mask of an epoch is fixed), for every conv. */
    @ParameterizedTest
    @ValueSource(strings = {"gcn", "sage", "gat"})
    void backpropWithDropoutGradientsMatchFiniteDifferences(String conv) {
        GraphData g = TestGraphs.planted(30, 3, 8, true, 6);
        BackpropNodeClassifier bp = new BackpropNodeClassifier(g, TestGraphs.split(30), conv, 3, 8, 0.5, new Random(7));
        MethodGradientTest.check(bp, 0, 3, "bp-dropout-" + conv);
    }

    /** Dropout changes training steps only: the same weights give the same logits as without dropout; masks vary by epoch. */
    @Test
    void dropoutIsTrainingOnlyAndDrawsANewMaskEachEpoch() {
        GraphData g = TestGraphs.planted(30, 3, 8, true, 6);
        Split s = TestGraphs.split(30);
        BackpropNodeClassifier plain = new BackpropNodeClassifier(g, s, "gcn", 2, 8, new Random(7));
        BackpropNodeClassifier drop = new BackpropNodeClassifier(g, s, "gcn", 2, 8, 0.5, new Random(7));
        assertArrayEquals(plain.logits().data, drop.logits().data, 0.0, "same initial weights, eval mode");
        double e0 = step(drop, 0), e0again = step(drop, 0), e1 = step(drop, 1), noDrop = step(plain, 0);
        assertEquals(e0, e0again, 0.0, "an epoch's mask is reproducible");
        assertNotEquals(e0, e1, "epoch 1 draws another mask");
        assertNotEquals(noDrop, e0, "dropout changes the training loss");
        assertThrows(IllegalArgumentException.class, () -> new BackpropNodeClassifier(g, s, "gcn", 2, 8, 1.0, new Random(7)));
    }

    private static double step(BackpropNodeClassifier p, int epoch) {
        for (Parameter q : p.parameters(0)) q.zeroGrad();
        return p.lossAndGradient(0, epoch, 0);
    }

    /** Block k of the propagated input is S^k X with unit rows, computed densely with EJML; the blocks sit side by side. */
    @Test
    void featurePropagationBlocksAreNormalisedPowersOfTheGcnOperator() {
        GraphData g = TestGraphs.planted(20, 2, 5, true, 4).withRowSumNormalizedFeatures();
        GraphData fp = FeaturePropagation.augment(g, 2);
        assertEquals(15, fp.features().cols());
        DMatrixRMaj s = g.topology().gcn().toDense(), x = g.features().toDense(), got = fp.features().toDense();
        DMatrixRMaj cur = x.copy();
        for (int k = 0; k <= 2; k++) {
            if (k > 0) { DMatrixRMaj next = new DMatrixRMaj(20, 5); CommonOps_DDRM.mult(s, cur, next); cur = next; }
            for (int i = 0; i < 20; i++) {
                double norm = 0;
                for (int j = 0; j < 5; j++) norm += cur.get(i, j) * cur.get(i, j);
                norm = Math.sqrt(norm);
                for (int j = 0; j < 5; j++) {
                    assertEquals(norm == 0 ? 0 : cur.get(i, j) / norm, got.get(i, 5 * k + j), 1e-9, "block " + k + " (" + i + "," + j + ")");
                }
            }
        }
        assertArrayEquals(g.labels(), fp.labels());
        assertThrows(IllegalArgumentException.class, () -> FeaturePropagation.augment(g, -1));
    }

    /** lpf-fp: layer 0 reads the 3F propagated columns; its layers' gradients are still exact (finite differences). */
    @Test
    void lpfFpReadsThePropagatedBlocksAndItsGradientsAreExact() {
        GraphData g = TestGraphs.planted(40, 3, 8, true, 21).withRowSumNormalizedFeatures();
        GnnConfig c = GnnConfig.defaults().withGraph(g).withMethod("lpf-fp").withLayers(2).withHidden(8)
                .withSplitProtocol(SplitProtocol.RANDOM_60_20_20);
        Split s = GnnExperiment.split(c, g);
        NodeMethods.Built b = NodeMethods.build(c, g, s, new Random(5));
        assertEquals(3 * 8 * 8, b.convs().get(0).parameters().get(0).size(), "layer 0 weight is 3F x hidden");
        NodeProblem p = (NodeProblem) b.problem();
        MethodGradientTest.check(p, 0, 0, "lpf-fp");
        p.layerFinished(0);
        MethodGradientTest.check(p, 1, 0, "lpf-fp");
    }

    /** lpf-do: the masked local objective's gradients are exact for every conv; the mask is per (layer, epoch). */
    @ParameterizedTest
    @ValueSource(strings = {"gcn", "sage", "gat"})
    void lpfDoLocalDropoutGradientsAreExact(String conv) {
        GraphData g = TestGraphs.planted(40, 3, 8, true, 21).withRowSumNormalizedFeatures();
        GnnConfig c = GnnConfig.defaults().withGraph(g).withMethod("lpf-do").withConv(conv).withLayers(2).withHidden(8)
                .withSplitProtocol(SplitProtocol.RANDOM_60_20_20);
        Split s = GnnExperiment.split(c, g);
        NodeProblem p = (NodeProblem) NodeMethods.build(c, g, s, new Random(5)).problem();
        MethodGradientTest.check(p, 0, 4, "lpf-do-" + conv);
        double e4 = stepOf(p, 0, 4), e4again = stepOf(p, 0, 4), e5 = stepOf(p, 0, 5);
        assertEquals(e4, e4again, 0.0);
        assertNotEquals(e4, e5, "another epoch, another mask");
        NodeProblem plain = (NodeProblem) NodeMethods.build(c.withMethod("lpf"), g, s, new Random(5)).problem();
        assertEquals(plain.validate(0), p.validate(0), 0.0, "validation reads the full output (same weights)");
        assertNotEquals(stepOf(plain, 0, 4), e4, "dropout changes the training loss");
        p.layerFinished(0);
        MethodGradientTest.check(p, 1, 0, "lpf-do-" + conv);
    }

    private static double stepOf(NodeProblem p, int layer, int epoch) {
        for (Parameter q : p.parameters(layer)) q.zeroGrad();
        return p.lossAndGradient(layer, epoch, 0);
    }
}
