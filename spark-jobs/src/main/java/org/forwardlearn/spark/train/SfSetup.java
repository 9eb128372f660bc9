package org.forwardlearn.spark.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.layer.Convs;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.nodeclass.NodeMethods;
import org.forwardlearn.forwardgnn.nodeclass.VirtualNodes;

/**
 * The seeded setup of an SF run, taken from forwardgnn itself so that the Spark job starts from the same
 * numbers as a local {@code GnnExperiment} (method sf, split index 0) with the same seed: one
 * {@code Random(seed * 31)} first yields the seed of the fixed-draw stream ({@link NodeMethods#fixedStream}), then draws
 * the layers with forwardgnn's {@link Convs#create} in order (layer 0, 1, ...); the frozen N(0, 1) virtual-node
 * features come from the fixed-draw stream with {@link VirtualNodes#randomFeatures} (so they do not depend on the depth). Every layer input is
 * row-L2-normalised by forwardgnn's own {@link NodeMatrix#rowL2Normalized} (x / (|x| + 1e-8), as its
 * {@code NodeProblem} does), virtual rows included.
 * A GCN layer is ReLU(Â X W + b) and a SAGE layer ReLU(mean(X_N) W_neigh + X W_root + b) = ReLU([mean(X_N) | X]
 * [W_neigh; W_root] + b); with the aggregation done once per layer both are a core {@link DenseLayer} on the
 * aggregated input.
 */
public final class SfSetup {
    private SfSetup() {}

    /** GnnExperiment's generator for split index 0: {@code new Random(seed * 31 + split)}. */
    public static Random rng(long seed) { return org.forwardlearn.core.random.Seeds.forSplit(seed, 0); }

    /** Initial weights of every layer (forwardgnn's convs, converted to dense maps on the aggregated input). */
    public static List<DenseLayer> initLayers(String conv, int features, int hidden, int layers, long seed) {
        Random rng = rng(seed);
        NodeMethods.fixedStream(rng); // drawn before the layers, as forwardgnn's NodeMethods does
        return initLayers(conv, features, hidden, layers, rng);
    }

    private static List<DenseLayer> initLayers(String conv, int features, int hidden, int layers, Random rng) {
        List<DenseLayer> out = new ArrayList<>(layers);
        for (int l = 0; l < layers; l++) {
            GraphConv gc = Convs.create(conv, l == 0 ? features : hidden, hidden, rng);
            List<Parameter> ps = gc.parameters();
            DMatrixRMaj w;
            if (conv.equals("sage")) {   // [weight_neigh; weight_root] (parameters: weight_neigh, bias, weight_root)
                DMatrixRMaj wl = ps.get(0).value(), wr = ps.get(2).value();
                w = new DMatrixRMaj(wl.numRows + wr.numRows, wl.numCols);
                System.arraycopy(wl.data, 0, w.data, 0, wl.getNumElements());
                System.arraycopy(wr.data, 0, w.data, wl.getNumElements(), wr.getNumElements());
            } else {
                w = ps.get(0).value().copy();
            }
            out.add(new DenseLayer(w, ps.get(1).value().copy(), Activation.RELU));
        }
        return out;
    }

    /** Layer l's initial weights (see {@link #initLayers}). */
    public static DenseLayer initLayer(SfConfig cfg, int features, int layer) {
        return initLayers(cfg.conv(), features, cfg.hidden(), cfg.layers(), cfg.seed()).get(layer);
    }

    /** C x F virtual-node features (from the fixed-draw stream, as forwardgnn), row-L2-normalised like {@link #l2}. */
    public static DMatrixRMaj virtualFeatures(SfConfig cfg, int classes, int features) {
        Random fixed = NodeMethods.fixedStream(rng(cfg.seed()));
        return NodeMatrix.dense(VirtualNodes.randomFeatures(classes, features, fixed)).rowL2Normalized().toDense();
    }

    /** Input width of a layer's dense map for a given embedding width. */
    public static int denseInput(String conv, int width) { return conv.equals("sage") ? 2 * width : width; }

    /**
     * Row-L2-normalises one vector into a new array (the input normalisation before every layer) with forwardgnn's
     * own {@link NodeMatrix#rowL2Normalized}: x / (|x| + 1e-8). Not core's {@code RowL2Norm} (x / max(|x|, 1e-12)):
     * the two differ by 1e-8 / |x| relative (~4e-8 for Cora's sum-normalised bag-of-words rows), which after Adam's
     * first steps left the weights 2.6e-6 relative apart from GnnExperiment's.
     */
    public static double[] l2(double[] x) {
        return NodeMatrix.dense(DMatrixRMaj.wrap(1, x.length, x)).rowL2Normalized().toDense().data;
    }
}
