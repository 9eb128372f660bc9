package org.forwardlearn.forwardgnn.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.objective.PairBceLoss;
import org.forwardlearn.core.train.LayerwiseProblem;
import org.forwardlearn.forwardgnn.eval.Metrics;
import org.forwardlearn.forwardgnn.graph.Dense;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.Convs;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.linkpred.EdgeSplit;

/**
 * THE BACKPROP BASELINE for link prediction: L graph layers (ReLU between, none after the last, as
 * PyG's models with no output head) trained end to end with a dot-product decoder and BCE on the
 * fixed train positives and negatives. One "layer" for the trainer, holding every parameter.
 */
public final class BackpropLinkPredictor implements LayerwiseProblem {
    private final List<GraphConv> convs = new ArrayList<>();
    private final List<Parameter> params = new ArrayList<>();
    private final ConvInput valFirst, testFirst;
    private final EdgeSplit split;
    private final int[] src, dst;
    private final double[] target;
    private final PairBceLoss bce = new PairBceLoss();

    public BackpropLinkPredictor(NodeMatrix features, EdgeSplit split, String conv, int layers, int hidden, Random rng) {
        this.split = split;
        int in = features.cols();
        for (int l = 0; l < layers; l++) {
            GraphConv c = Convs.create(conv, in, hidden, rng);
            convs.add(c);
            params.addAll(c.parameters());
            in = hidden;
        }
        valFirst = new ConvInput(features, split.validationGraph(), true);
        testFirst = new ConvInput(features, split.testGraph(), true);
        int m = split.trainPos().length + split.trainNeg().length;
        src = new int[m]; dst = new int[m]; target = new double[m];
        for (int k = 0; k < split.trainPos().length; k++) { src[k] = split.trainPos()[k][0]; dst[k] = split.trainPos()[k][1]; target[k] = 1; }
        for (int k = 0; k < split.trainNeg().length; k++) {
            src[split.trainPos().length + k] = split.trainNeg()[k][0];
            dst[split.trainPos().length + k] = split.trainNeg()[k][1];
        }
    }

    @Override public int numLayers() { return 1; }

    @Override public List<Parameter> parameters(int layer) { return params; }

    public List<GraphConv> convs() { return convs; }

    private List<Object> forwardAll(ConvInput first) {
        List<Object> out = new ArrayList<>();
        ConvInput in = first;
        for (int l = 0; l < convs.size(); l++) {
            out.add(in);
            DMatrixRMaj z = convs.get(l).preActivation(in);
            if (l == convs.size() - 1) { out.add(z); break; }
            Dense.relu(z);
            in = new ConvInput(NodeMatrix.dense(z), first.topology(), false);
        }
        return out;
    }

    @Override
    public double lossAndGradient(int layer, int epoch, int batch) {
        List<Object> f = forwardAll(valFirst);
        DMatrixRMaj z = (DMatrixRMaj) f.get(f.size() - 1);
        DMatrixRMaj dz = new DMatrixRMaj(1, 1);
        double loss = bce.evaluate(z, src, dst, target, dz);
        for (int l = convs.size() - 1; l >= 0; l--) {
            ConvInput in = (ConvInput) f.get(l);
            convs.get(l).backward(in, dz);
            if (l > 0) dz = Dense.reluBackward(in.x().toDense(), convs.get(l).inputGradient(in, dz));
        }
        return loss;
    }

    private double[][] scores(ConvInput first, int[][] pos, int[][] neg) {
        List<Object> f = forwardAll(first);
        DMatrixRMaj z = (DMatrixRMaj) f.get(f.size() - 1);
        return new double[][] {score(z, pos), score(z, neg)};
    }

    private static double[] score(DMatrixRMaj z, int[][] pairs) {
        int[] s = new int[pairs.length], d = new int[pairs.length];
        for (int k = 0; k < pairs.length; k++) { s[k] = pairs[k][0]; d[k] = pairs[k][1]; }
        return PairBceLoss.scores(z, s, d);
    }

    @Override
    public double validate(int layer) {
        double[][] s = scores(valFirst, split.valPos(), split.valNeg());
        return Metrics.rocAuc(s[0], s[1]);
    }

    /** {test AUC, test AP}. */
    public double[] test() {
        double[][] s = scores(testFirst, split.testPos(), split.testNeg());
        return new double[] {Metrics.rocAuc(s[0], s[1]), Metrics.averagePrecision(s[0], s[1])};
    }
}
