package org.forwardlearn.forwardgnn.nodeclass;

import java.util.Random;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerwiseTrainer;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.GnnExperiment;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;

/**
 * Manual analysis tool (not a test): {@code method conv layers epochs [theta|-] [every] [patience] [weightDecay]}; trains like GnnExperiment and prints
 * {@link GoodnessNodeProblem#diagnostics} every {@code every} epochs.
 */
public final class GoodnessDiagnostics {
    public static void main(String[] a) {
        GnnConfig c = GnnConfig.defaults().withDataset("citationfull-cora_ml").withMethod(a[0]).withConv(a[1])
                .withLayers(Integer.parseInt(a[2])).withSplit(0).withEpochs(Integer.parseInt(a[3]));
        if (a.length > 4 && !a[4].equals("-")) c = c.withTheta(Double.parseDouble(a[4]));
        if (a.length > 6) c = c.withPatience(Integer.parseInt(a[6]));
        if (a.length > 7) c = c.withWeightDecay(Double.parseDouble(a[7]));
        int every = a.length > 5 ? Integer.parseInt(a[5]) : 50;
        GnnExperiment exp = new GnnExperiment(c);
        GraphData g = exp.loadGraph();
        Split split = GnnExperiment.split(c, g);
        int[] count = new int[g.numClasses()];
        for (int i : split.val()) count[g.labels()[i]]++;
        int[] trainCount = new int[g.numClasses()];
        for (int i : split.train()) trainCount[g.labels()[i]]++;
        System.out.println("train per class " + java.util.Arrays.toString(trainCount) + ", val per class " + java.util.Arrays.toString(count));
        int maj = 0;
        for (int v : count) maj = Math.max(maj, v);
        System.out.printf("train %d val %d test %d, majority share of val %.4f, theta %.2f%n", split.train().length, split.val().length,
                split.test().length, (double) maj / split.val().length, c.theta());
        NodeMethods.Built built = NodeMethods.build(c, g, split, org.forwardlearn.core.random.Seeds.forSplit(c.seed(), c.split()));
        GoodnessNodeProblem p = (GoodnessNodeProblem) built.problem();
        print(p, 0, -1);
        TrainingListener l = new TrainingListener() {
            @Override public void onEpochEnd(EpochStats s) {
                if ((s.epoch() + 1) % every == 0) print(p, s.layer(), s.epoch());
            }
            @Override public void onLayerEnd(org.forwardlearn.core.train.LayerReport r) {
                System.out.printf("layer %d done: %d epochs, best val %.4f at %d%n", r.layer(), r.epochs(), r.bestMetric(), r.bestEpoch());
            }
        };
        new LayerwiseTrainer(exp.trainerConfig()).fit(p, l, 0, exp.provenance());
        for (double[] m : p.layerAccuracies()) System.out.printf("summed to layer: val %.4f test %.4f%n", m[0], m[1]);
    }

    static void print(GoodnessNodeProblem p, int layer, int epoch) {
        double[] d = p.diagnostics(layer);
        System.out.printf("L%d e%4d  G+ %.4f  G- %.4f  P(G+>G-) %.3f  |h+-h-|/|h+| %.4f | val acc(layer) %.4f  G(true) %.4f"
                + "  G(other) %.4f  top-class share %.3f  debiased acc %.4f  class means %s%n", layer, epoch + 1, d[0], d[1], d[2], d[3], d[4],
                d[5], d[6], d[7], d[8], java.util.Arrays.toString(java.util.Arrays.stream(d, 9, d.length).map(v -> Math.round(v * 1e4) / 1e4).toArray()));
    }
}
