package org.forwardlearn.forwardgnn.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.objective.PrototypeSoftmaxLoss;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.forwardgnn.graph.Dense;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.Convs;
import org.forwardlearn.forwardgnn.layer.ConvRegistry;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * THE BACKPROP BASELINE for node classification: the same graph layers trained end to end by
 * backpropagation, as PyG's GCN/GraphSAGE/GAT models that the ForwardGNN paper compares against
 * (L layers, ReLU between them, the last layer outputs the class logits; softmax cross-entropy on
 * the training nodes). It is presented to the trainer as a single "layer" holding every parameter,
 * so the same optimizer and early stopping apply. This is the one place in the module where a
 * gradient crosses layers.
 */
public final class BackpropNodeClassifier implements LayerwiseProblem {
    private final List<GraphConv> convs = new ArrayList<>();
    private final List<Parameter> params = new ArrayList<>();
    private final ConvInput first;
    private final GraphData g;
    private final Split split;
    private final int[] trainLabels;
    private final PrototypeSoftmaxLoss ce = new PrototypeSoftmaxLoss(1.0);
    private final DMatrixRMaj identity;

    public BackpropNodeClassifier(GraphData g, Split split, String conv, int layers, int hidden, Random rng) {
        this.g = g;
        this.split = split;
        int in = g.features().cols();
        for (int l = 0; l < layers; l++) {
            boolean last = l == layers - 1;
            int out = last ? g.numClasses() : hidden;
            GraphConv c = last ? ConvRegistry.get(conv).createOutput(in, out, rng) : Convs.create(conv, in, out, rng);
            convs.add(c);
            params.addAll(c.parameters());
            in = out;
        }
        first = new ConvInput(g.features(), g.topology(), true);
        trainLabels = new int[split.train().length];
        for (int t = 0; t < trainLabels.length; t++) trainLabels[t] = g.labels()[split.train()[t]];
        identity = new DMatrixRMaj(g.numClasses(), g.numClasses());
        for (int k = 0; k < g.numClasses(); k++) identity.set(k, k, 1.0);
    }

    @Override public int numLayers() { return 1; }

    @Override public List<Parameter> parameters(int layer) { return params; }

    public List<GraphConv> convs() { return convs; }

    /** Forward through all layers; returns the inputs of each layer and, last, the logits. */
    private List<Object> forwardAll() {
        List<Object> out = new ArrayList<>();
        ConvInput in = first;
        for (int l = 0; l < convs.size(); l++) {
            out.add(in);
            DMatrixRMaj z = convs.get(l).preActivation(in);
            if (l == convs.size() - 1) { out.add(z); break; }
            Dense.relu(z);
            in = new ConvInput(NodeMatrix.dense(z), g.topology(), false);
        }
        return out;
    }

    @Override
    public double lossAndGradient(int layer, int epoch, int batch) {
        List<Object> f = forwardAll();
        DMatrixRMaj logits = (DMatrixRMaj) f.get(f.size() - 1);
        DMatrixRMaj dz = new DMatrixRMaj(1, 1);
        double loss = ce.evaluate(logits, split.train(), trainLabels, identity, dz, null);
        for (int l = convs.size() - 1; l >= 0; l--) {
            ConvInput in = (ConvInput) f.get(l);
            convs.get(l).backward(in, dz);
            if (l > 0) {
                DMatrixRMaj dx = convs.get(l).inputGradient(in, dz);
                dz = Dense.reluBackward(in.x().toDense(), dx);
            }
        }
        return loss;
    }

    /** Logits of every node (nodes x classes). */
    public DMatrixRMaj logits() {
        List<Object> f = forwardAll();
        return (DMatrixRMaj) f.get(f.size() - 1);
    }

    @Override public double validate(int layer) { return accuracy(logits(), split.val()); }

    public static double accuracy(DMatrixRMaj logits, int[] nodes, int[] labels) {
        int c = logits.numCols, correct = 0;
        for (int i : nodes) {
            int best = 0;
            for (int k = 1; k < c; k++) if (logits.data[i * c + k] > logits.data[i * c + best]) best = k;
            if (best == labels[i]) correct++;
        }
        return (double) correct / nodes.length;
    }

    public double accuracy(DMatrixRMaj logits, int[] nodes) { return accuracy(logits, nodes, g.labels()); }
}
