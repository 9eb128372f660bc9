package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.objective.ContrastiveObjective;
import org.forwardlearn.core.objective.ForwardForwardLoss;
import org.forwardlearn.core.objective.SquaredGoodness;
import org.forwardlearn.core.objective.SymBaLoss;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.layer.Convs;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.linkpred.EdgeObjective;
import org.forwardlearn.forwardgnn.linkpred.EdgeSplit;
import org.forwardlearn.forwardgnn.linkpred.TopDownLinkProblem;
import org.forwardlearn.forwardgnn.nodeclass.GoodnessNodeProblem;
import org.forwardlearn.forwardgnn.nodeclass.LabelAppending;
import org.forwardlearn.forwardgnn.nodeclass.NodeMethods;
import org.forwardlearn.forwardgnn.nodeclass.TopDownSf;
import org.forwardlearn.forwardgnn.nodeclass.TopDownStack;
import org.forwardlearn.forwardgnn.nodeclass.VirtualNodeWiring;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finite differences for the new local objective x layer combinations (FF/SymBa LA/VN, SF top-down, FL-CE top-down). */
class MethodGradientTest {
    /** Central differences of layer l's loss at the given epoch against the accumulated analytic gradient. */
    static void check(LayerwiseProblem p, int layer, int epoch, String what) {
        List<Parameter> ps = p.parameters(layer);
        for (Parameter q : ps) q.zeroGrad();
        p.lossAndGradient(layer, epoch, 0);
        double[][] g = new double[ps.size()][];
        for (int i = 0; i < ps.size(); i++) g[i] = ps.get(i).grad().data.clone();
        double h = 1e-6;
        for (int i = 0; i < ps.size(); i++) {
            Parameter q = ps.get(i);
            for (int k = 0; k < q.size(); k += Math.max(1, q.size() / 17)) {
                double old = q.value().data[k];
                q.value().data[k] = old + h;
                double lp = p.lossAndGradient(layer, epoch, 0);
                q.value().data[k] = old - h;
                double lm = p.lossAndGradient(layer, epoch, 0);
                q.value().data[k] = old;
                double fd = (lp - lm) / (2 * h);
                assertEquals(fd, g[i][k], 1e-6 + 1e-4 * Math.abs(fd), what + " layer " + layer + " " + q.name() + "[" + k + "]");
            }
        }
    }

    private static ContrastiveObjective objective(String kind) {
        // theta small enough that the 8-wide test layers sit on both sides of it
        return kind.equals("ff") ? new ForwardForwardLoss(SquaredGoodness.sum(), 0.3) : new SymBaLoss(SquaredGoodness.sum(), 4.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"la-ff-gcn", "la-symba-gcn", "la-ff-sage", "la-symba-gat", "vn-ff-gcn", "vn-symba-gcn", "vn-ff-sage",
            "vn-ff-gat"})
    void goodnessMethodGradients(String spec) {
        String[] s = spec.split("-");
        GraphData g = TestGraphs.planted(30, 3, 8, true, 11);
        Split split = TestGraphs.split(30);
        Random r = new Random(12);
        GoodnessNodeProblem p = s[0].equals("la")
                ? LabelAppending.create(NodeMethods.stack(s[2], LabelAppending.inputSize(g), 8, 2, r), g, split, objective(s[1]), r)
                : VirtualNodeWiring.create(NodeMethods.stack(s[2], 8, 8, 2, r), g, split, true, objective(s[1]), r).problem();
        check(p, 0, 0, spec);
        p.layerFinished(0);
        check(p, 1, 0, spec);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INPUT-gcn", "INPUT-sage", "INPUT-gat", "LOSS-gcn", "LOSS-gat"})
    void topDownSfGradients(String spec) {
        TopDownSf.Mode mode = TopDownSf.Mode.valueOf(spec.split("-")[0]);
        String conv = spec.split("-")[1];
        GraphData g = TestGraphs.planted(30, 3, 8, true, 13);
        Random r = new Random(14);
        int layers = 3;
        List<GraphConv> convs = new ArrayList<>();
        for (int l = 0; l < layers; l++) convs.add(Convs.create(conv, TopDownSf.inputSize(mode, l, layers, 8, 8, 3), 8, r));
        TopDownSf p = TopDownSf.create(mode, convs, g, TestGraphs.split(30), true, 1.0, r);
        for (int l = 0; l < layers; l++) check(p, l, 0, spec);
        for (int l = 0; l < layers; l++) p.lossAndGradient(l, 1, 0); // states move on
        for (int l = 0; l < layers; l++) check(p, l, 2, spec);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcn", "sage", "gat"})
    void topDownLinkGradients(String conv) {
        GraphData g = TestGraphs.planted(40, 3, 8, false, 15);
        Random r = new Random(16);
        EdgeSplit s = EdgeSplit.random(g.topology(), 0.16, 0.2, 17);
        int layers = 3;
        List<GraphConv> convs = new ArrayList<>();
        for (int l = 0; l < layers; l++) convs.add(Convs.create(conv, TopDownStack.inputSize(l, layers, 8, 8, 0), 8, r));
        TopDownLinkProblem p = new TopDownLinkProblem(convs, g.features(), s, new EdgeObjective(EdgeObjective.Kind.CE, 0, 4));
        for (int l = 0; l < layers; l++) check(p, l, 0, "fl-ce-top-" + conv);
        for (int l = 0; l < layers; l++) p.lossAndGradient(l, 1, 0);
        for (int l = 0; l < layers; l++) check(p, l, 2, "fl-ce-top-" + conv);
    }
}
