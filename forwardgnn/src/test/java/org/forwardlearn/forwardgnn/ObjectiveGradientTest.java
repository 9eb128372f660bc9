package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.forwardgnn.baseline.BackpropLinkPredictor;
import org.forwardlearn.forwardgnn.baseline.BackpropNodeClassifier;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.linkpred.EdgeObjective;
import org.forwardlearn.forwardgnn.linkpred.EdgeSplit;
import org.forwardlearn.forwardgnn.linkpred.ForwardLinkProblem;
import org.forwardlearn.forwardgnn.nodeclass.NodeMethods;
import org.forwardlearn.forwardgnn.nodeclass.SingleForward;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finite-difference checks of every layer x objective, through the problems the trainer sees. */
class ObjectiveGradientTest {
    static void check(LayerwiseProblem p, int layer, String what) {
        List<Parameter> ps = p.parameters(layer);
        for (Parameter q : ps) q.zeroGrad();
        p.lossAndGradient(layer, 0, 0);
        double[][] g = new double[ps.size()][];
        for (int i = 0; i < ps.size(); i++) g[i] = ps.get(i).grad().data.clone();
        double h = 1e-6;
        for (int i = 0; i < ps.size(); i++) {
            Parameter q = ps.get(i);
            for (int k = 0; k < q.size(); k += Math.max(1, q.size() / 23)) {
                double old = q.value().data[k];
                q.value().data[k] = old + h;
                double lp = p.lossAndGradient(layer, 0, 0);
                q.value().data[k] = old - h;
                double lm = p.lossAndGradient(layer, 0, 0);
                q.value().data[k] = old;
                double fd = (lp - lm) / (2 * h);
                assertEquals(fd, g[i][k], 1e-6 + 1e-4 * Math.abs(fd), what + " layer " + layer + " " + q.name() + "[" + k + "]");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcn", "sage", "gat"})
    void singleForwardLossGradients(String conv) {
        GraphData g = TestGraphs.planted(30, 3, 8, true, 1);
        Random r = new Random(2);
        SingleForward sf = SingleForward.create(NodeMethods.stack(conv, 8, 8, 2, r), g, TestGraphs.split(30), true, 1.0, r);
        check(sf, 0, "sf-" + conv);
        sf.layerFinished(0);
        check(sf, 1, "sf-" + conv);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcn-CE", "gcn-FF", "gcn-SYMBA", "sage-CE", "gat-CE", "gat-SYMBA"})
    void edgeObjectiveGradients(String spec) {
        String conv = spec.split("-")[0];
        GraphData g = TestGraphs.planted(40, 3, 8, false, 3);
        Random r = new Random(4);
        EdgeSplit s = EdgeSplit.random(g.topology(), 0.16, 0.2, 5);
        ForwardLinkProblem p = new ForwardLinkProblem(NodeMethods.stack(conv, 8, 8, 2, r), g.features(), s,
                new EdgeObjective(EdgeObjective.Kind.valueOf(spec.split("-")[1]), 0.05, 4.0));
        check(p, 0, spec);
        p.layerFinished(0);
        check(p, 1, spec);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcn", "sage", "gat"})
    void backpropBaselineGradients(String conv) {
        GraphData g = TestGraphs.planted(30, 3, 8, true, 6);
        check(new BackpropNodeClassifier(g, TestGraphs.split(30), conv, 3, 8, new Random(7)), 0, "bp-node-" + conv);
        EdgeSplit s = EdgeSplit.random(g.topology(), 0.16, 0.2, 5);
        check(new BackpropLinkPredictor(g.features(), s, conv, 2, 8, new Random(8)), 0, "bp-link-" + conv);
    }
}
