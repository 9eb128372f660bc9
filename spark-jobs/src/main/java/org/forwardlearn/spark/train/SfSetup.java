package org.forwardlearn.spark.train;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.layer.RowL2Norm;

/**
 * The seeded setup of an SF run, shared by the Spark job and the local reference so that both start from
 * the same numbers: the frozen random features of the virtual class nodes and each layer's initial weights.
 * A GCN layer is ReLU(Â X W + b) and a SAGE layer ReLU([mean(X_N) | X] [W_l; W_r] + b); with the aggregation
 * done once per layer both are a core {@link DenseLayer} on the aggregated input.
 */
public final class SfSetup {
    private SfSetup() {}

    /** C x F Gaussian features of the virtual class nodes, row-L2-normalised (like every layer input). */
    public static DMatrixRMaj virtualFeatures(int classes, int features, long seed) {
        Random rng = new Random(seed ^ 0x5F0E_C1A5_5E5L);
        DMatrixRMaj v = new DMatrixRMaj(classes, features);
        for (int i = 0; i < v.data.length; i++) v.data[i] = rng.nextGaussian();
        return RowL2Norm.normalize(v);
    }

    /** Input width of a layer's dense map for a given embedding width. */
    public static int denseInput(String conv, int width) { return conv.equals("sage") ? 2 * width : width; }

    /** Layer l's initial weights (Glorot uniform, zero bias, ReLU) from the run's seed. */
    public static DenseLayer initLayer(String conv, int layer, int inWidth, int hidden, long seed) {
        return new DenseLayer(denseInput(conv, inWidth), hidden, Activation.RELU, Init.GLOROT_UNIFORM,
                new Random(seed * 1_000_003L + 17L * layer));
    }

    /** Row-L2-normalises one vector into a new array (the input normalisation before every layer). */
    public static double[] l2(double[] x) {
        double s = 0;
        for (double v : x) s += v * v;
        double inv = 1.0 / Math.max(Math.sqrt(s), RowL2Norm.DEFAULT_EPS);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[i] * inv;
        return y;
    }
}
