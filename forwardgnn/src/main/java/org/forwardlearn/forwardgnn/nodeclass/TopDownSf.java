package org.forwardlearn.forwardgnn.nodeclass;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.objective.PrototypeSoftmaxLoss;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.graph.Topology;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * SF with top-down signals, on SF's virtual-node graph and loss (softmax of &lt;h_i, h_vk&gt;/tau over
 * the virtual nodes' outputs, training nodes only). All layers train together, one local step each
 * per epoch (core's ALL_LAYERS schedule), carrying states from epoch to epoch; states of other
 * layers are constants.
 * <ul>
 * <li>{@link Mode#INPUT} (SF-Top-To-Input): layer j reads [n(s_{j-1}) | n(s_{j+1})] ({@link TopDownStack});
 * the top layer reads the label context (one-hot for training and virtual nodes, 1/C elsewhere) as
 * its state above; even layers update first, then odd layers from the even layers' new states.
 * Prediction: from a bottom-up start, 10 steps; the class distributions of every layer in steps 2..9
 * are summed.</li>
 * <li>{@link Mode#LOSS} (SF-Top-To-Loss): layer j reads n(s_{j-1}) of the previous epoch; its loss
 * is computed on the mean of its own output and the normalised states of the layers above.
 * Prediction: one bottom-up pass; each layer's distribution (of that mean) is summed over layers.</li>
 * </ul>
 */
public final class TopDownSf implements LayerwiseProblem {
    public enum Mode { INPUT, LOSS }

    public static final int TEST_STEPS = 10, FIRST_SUMMED_STEP = 2;

    private final Mode mode;
    private final List<GraphConv> convs;
    private final Topology topology;
    private final NodeMatrix x0;
    private final ConvInput firstInput;
    private final TopDownStack stack;
    private final TopDownStack.Trainer trainer;
    private final PrototypeSoftmaxLoss loss;
    private final int numReal, numClasses;
    private final int[] labels, trainLabels;
    private final Split split;
    private DMatrixRMaj[] old, nw;
    private int epoch = Integer.MIN_VALUE;
    private double lastTest = Double.NaN;
    private List<double[]> layerAccuracies = List.of();
    private double[] finalScores;

    private TopDownSf(Mode mode, List<GraphConv> convs, VirtualNodes aug, DMatrixRMaj context, GraphData g, Split split, double tau) {
        this.mode = mode;
        this.convs = List.copyOf(convs);
        this.topology = aug.topology();
        this.x0 = aug.features().rowL2Normalized();
        this.firstInput = new ConvInput(x0, topology, true);
        this.stack = mode == Mode.INPUT ? new TopDownStack(convs, x0, context) : null;
        this.trainer = stack == null ? null : stack.new Trainer(topology);
        this.loss = new PrototypeSoftmaxLoss(tau);
        this.numReal = g.numNodes();
        this.numClasses = g.numClasses();
        this.labels = g.labels();
        this.split = split;
        this.trainLabels = new int[split.train().length];
        for (int t = 0; t < trainLabels.length; t++) trainLabels[t] = labels[split.train()[t]];
    }

    /** Input width of layer j (INPUT mode adds the state above, or the C-column label context on top). */
    public static int inputSize(Mode mode, int j, int layers, int features, int hidden, int classes) {
        if (mode == Mode.LOSS) return j == 0 ? features : hidden;
        return TopDownStack.inputSize(j, layers, features, hidden, classes);
    }

    public static TopDownSf create(Mode mode, List<GraphConv> convs, GraphData g, Split split, boolean bidirectional, double tau,
                                   Random rng) {
        int n = g.numNodes(), c = g.numClasses();
        int[] cls = new int[split.train().length];
        for (int t = 0; t < cls.length; t++) cls[t] = g.labels()[split.train()[t]];
        VirtualNodes aug = VirtualNodes.augment(g, split.train(), cls, bidirectional,
                VirtualNodes.randomFeatures(c, g.features().cols(), rng));
        int[] lab = new int[n + c];
        boolean[] known = new boolean[n + c];
        for (int i : split.train()) { lab[i] = g.labels()[i]; known[i] = true; }
        for (int k = 0; k < c; k++) { lab[n + k] = k; known[n + k] = true; }
        DMatrixRMaj context = NodeInputs.rowL2(NodeInputs.labelRows(n + c, c, lab, known));
        return new TopDownSf(mode, convs, aug, context, g, split, tau);
    }

    @Override public int numLayers() { return convs.size(); }

    @Override public List<Parameter> parameters(int layer) { return convs.get(layer).parameters(); }

    public List<GraphConv> convs() { return convs; }

    public Mode mode() { return mode; }

    private DMatrixRMaj prototypes(DMatrixRMaj h) {
        int d = h.numCols;
        DMatrixRMaj p = new DMatrixRMaj(numClasses, d);
        System.arraycopy(h.data, numReal * d, p.data, 0, numClasses * d);
        return p;
    }

    /** SF loss on emb; returns the loss and writes dLoss/demb (prototype rows included) into demb. */
    private double sfLoss(DMatrixRMaj emb, DMatrixRMaj demb) {
        DMatrixRMaj dp = new DMatrixRMaj(1, 1);
        double l = loss.evaluate(emb, split.train(), trainLabels, prototypes(emb), demb, dp);
        int d = emb.numCols;
        for (int i = 0; i < numClasses * d; i++) demb.data[numReal * d + i] += dp.data[i];
        return l;
    }

    @Override
    public double lossAndGradient(int layer, int epoch, int batch) {
        GraphConv conv = convs.get(layer);
        if (mode == Mode.INPUT) {
            ConvInput in = trainer.input(layer, epoch);
            DMatrixRMaj h = conv.forward(in);
            trainer.record(layer, h);
            DMatrixRMaj dh = new DMatrixRMaj(1, 1);
            double l = sfLoss(h, dh);
            conv.localGradient(in, h, dh);
            return l;
        }
        advance(epoch);
        ConvInput in = layer == 0 ? firstInput : new ConvInput(NodeMatrix.dense(old[layer - 1]), topology, true);
        DMatrixRMaj h = conv.forward(in);
        nw[layer] = NodeInputs.rowL2(h);
        DMatrixRMaj emb = meanWithAbove(h, old, layer);
        DMatrixRMaj demb = new DMatrixRMaj(1, 1);
        double l = sfLoss(emb, demb);
        double inv = 1.0 / (convs.size() - layer);
        for (int i = 0; i < demb.data.length; i++) demb.data[i] *= inv;
        conv.localGradient(in, h, demb);
        return l;
    }

    /** (h + sum of the states of the layers above) / (count), a new matrix. */
    private DMatrixRMaj meanWithAbove(DMatrixRMaj h, DMatrixRMaj[] states, int layer) {
        DMatrixRMaj m = h.copy();
        int count = convs.size() - layer;
        for (int a = layer + 1; a < convs.size(); a++) for (int i = 0; i < m.data.length; i++) m.data[i] += states[a].data[i];
        for (int i = 0; i < m.data.length; i++) m.data[i] /= count;
        return m;
    }

    private void advance(int e) {
        if (old == null) { old = lossBottomUp(null); nw = new DMatrixRMaj[convs.size()]; epoch = e; return; }
        if (e == epoch) return;
        for (int j = 0; j < old.length; j++) if (nw[j] != null) old[j] = nw[j];
        nw = new DMatrixRMaj[convs.size()];
        epoch = e;
    }

    /** LOSS mode bottom-up pass: normalised states; raw outputs into {@code raw} when not null. */
    private DMatrixRMaj[] lossBottomUp(DMatrixRMaj[] raw) {
        DMatrixRMaj[] s = new DMatrixRMaj[convs.size()];
        for (int j = 0; j < s.length; j++) {
            ConvInput in = j == 0 ? firstInput : new ConvInput(NodeMatrix.dense(s[j - 1]), topology, true);
            DMatrixRMaj h = convs.get(j).forward(in);
            if (raw != null) raw[j] = h;
            s[j] = NodeInputs.rowL2(h);
        }
        return s;
    }

    /** Per layer: the class distributions (numReal x C) it contributes to the prediction. */
    private double[][] evaluate() {
        int l = convs.size();
        double[][] perLayer = new double[l][numReal * numClasses];
        if (mode == Mode.INPUT) {
            stack.run(topology, TEST_STEPS, (step, j, h) -> {
                if (step >= FIRST_SUMMED_STEP) add(perLayer[j], loss.probabilities(h, prototypes(h)));
            });
        } else {
            DMatrixRMaj[] raw = new DMatrixRMaj[l];
            DMatrixRMaj[] s = lossBottomUp(raw);
            for (int j = 0; j < l; j++) {
                DMatrixRMaj emb = meanWithAbove(raw[j], s, j);
                add(perLayer[j], loss.probabilities(emb, prototypes(emb)));
            }
        }
        return perLayer;
    }

    private void add(double[] acc, DMatrixRMaj p) {
        for (int i = 0; i < acc.length; i++) acc[i] += p.data[i];
    }

    private static double[] prefix(double[][] perLayer, int upTo) {
        double[] s = new double[perLayer[0].length];
        for (int j = 0; j <= upTo; j++) for (int i = 0; i < s.length; i++) s[i] += perLayer[j][i];
        return s;
    }

    @Override
    public double validate(int layer) {
        double[] s = prefix(evaluate(), convs.size() - 1);
        lastTest = accuracy(s, split.test());
        return accuracy(s, split.val());
    }

    @Override
    public void layerFinished(int layer) {
        if (layer != convs.size() - 1) return;
        double[][] perLayer = evaluate();
        List<double[]> acc = new ArrayList<>();
        for (int j = 0; j < perLayer.length; j++) {
            double[] s = prefix(perLayer, j);
            acc.add(new double[] {accuracy(s, split.val()), accuracy(s, split.test())});
        }
        layerAccuracies = List.copyOf(acc);
        finalScores = prefix(perLayer, perLayer.length - 1);
    }

    private double accuracy(double[] s, int[] nodes) {
        int correct = 0;
        for (int i : nodes) if (argmax(s, i) == labels[i]) correct++;
        return (double) correct / nodes.length;
    }

    private int argmax(double[] s, int i) {
        int best = 0;
        for (int k = 1; k < numClasses; k++) if (s[i * numClasses + k] > s[i * numClasses + best]) best = k;
        return best;
    }

    /** Per layer l: {val, test} accuracy of the distributions of layers 0..l (after training). */
    public List<double[]> layerAccuracies() { return layerAccuracies; }

    /** Test accuracy of the latest validation's evaluation (the trainer's current parameters). */
    public double lastTestAccuracy() { return lastTest; }

    public int[] predictions() {
        int[] p = new int[numReal];
        for (int i = 0; i < numReal; i++) p[i] = argmax(finalScores, i);
        return p;
    }
}
