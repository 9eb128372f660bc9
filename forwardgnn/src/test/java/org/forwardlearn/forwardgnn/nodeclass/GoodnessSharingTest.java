package org.forwardlearn.forwardgnn.nodeclass;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.objective.ContrastiveObjective;
import org.forwardlearn.core.objective.ForwardForwardLoss;
import org.forwardlearn.core.objective.SquaredGoodness;
import org.forwardlearn.core.objective.SymBaLoss;
import org.forwardlearn.forwardgnn.TestGraphs;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared-product path of FF/SymBa-LA and -VN ({@link GraphFamily}) against the straightforward path (every
 * graph's input materialised, the layer run on each): losses, gradients, validation and per-layer accuracies agree
 * to rounding, over a few optimisation-like steps and two layers.
 */
class GoodnessSharingTest {
    private static ContrastiveObjective objective(String kind) {
        return kind.equals("ff") ? new ForwardForwardLoss(SquaredGoodness.sum(), 0.3) : new SymBaLoss(SquaredGoodness.sum(), 4.0);
    }

    private static GoodnessNodeProblem build(String[] s, GraphData g, Split split, boolean shared) {
        Random r = new Random(12);
        return s[0].equals("la")
                ? LabelAppending.create(NodeMethods.stack(s[2], LabelAppending.inputSize(g), 8, 3, r), g, split, objective(s[1]), r, shared)
                : VirtualNodeWiring.create(NodeMethods.stack(s[2], g.features().cols(), 8, 3, r), g, split, true, objective(s[1]), r,
                        shared).problem();
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
    }

    @ParameterizedTest
    @ValueSource(strings = {"la-ff-gcn-sparse", "la-symba-gcn-dense", "la-ff-sage-sparse", "la-symba-sage-dense", "vn-ff-gcn-sparse",
            "vn-symba-gcn-dense", "vn-ff-sage-sparse", "vn-symba-sage-dense", "la-ff-gat-sparse", "vn-ff-gat-dense"})
    void sharedProductsMatchTheStraightforwardPath(String spec) {
        String[] s = spec.split("-");
        GraphData g = TestGraphs.planted(40, 4, 12, s[3].equals("sparse"), 21);
        Split split = TestGraphs.split(40);
        GoodnessNodeProblem a = build(s, g, split, false), b = build(s, g, split, true);
        for (int layer = 0; layer < a.numLayers(); layer++) {
            for (int step = 0; step < 3; step++) {
                List<Parameter> pa = a.parameters(layer), pb = b.parameters(layer);
                for (Parameter q : pa) q.zeroGrad();
                for (Parameter q : pb) q.zeroGrad();
                close(a.lossAndGradient(layer, step, 0), b.lossAndGradient(layer, step, 0), spec + " loss layer " + layer);
                for (int i = 0; i < pa.size(); i++) {
                    double[] ga = pa.get(i).grad().data, gb = pb.get(i).grad().data;
                    double scale = 0;
                    for (double v : ga) scale = Math.max(scale, Math.abs(v));
                    for (int k = 0; k < ga.length; k++) {
                        assertEquals(ga[k], gb[k], 1e-9 * Math.max(1e-3, scale), spec + " layer " + layer + " " + pa.get(i).name() + "[" + k + "]");
                    }
                    // an identical small step on both, so the next step sees new weights (the product memo must notice)
                    for (int k = 0; k < ga.length; k++) {
                        pa.get(i).value().data[k] -= 0.5 * ga[k];
                        pb.get(i).value().data[k] = pa.get(i).value().data[k];
                    }
                }
                close(a.validate(layer), b.validate(layer), spec + " validation layer " + layer);
            }
            a.layerFinished(layer);
            b.layerFinished(layer);
        }
        for (int l = 0; l < a.numLayers(); l++) assertArrayEquals(a.layerAccuracies().get(l), b.layerAccuracies().get(l), 1e-12, spec);
        assertArrayEquals(a.predictions(), b.predictions(), spec);
    }
}
