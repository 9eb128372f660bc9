package org.forwardlearn.core.layer;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/** Weight initialisations, always from a seeded {@link Random}. */
public enum Init {
    /** Glorot/Xavier uniform: U(-a, a), a = sqrt(6 / (in + out)). */
    GLOROT_UNIFORM,
    /** He/Kaiming normal: N(0, 2 / in). */
    HE_NORMAL,
    /** PyTorch's nn.Linear default: U(-1/sqrt(in), 1/sqrt(in)) for weights and bias. */
    TORCH_DEFAULT;

    /** Fills a weight matrix of shape in x out. */
    public void fillWeights(DMatrixRMaj w, Random rng) {
        int in = w.numRows, out = w.numCols;
        double[] d = w.data;
        int n = in * out;
        switch (this) {
            case GLOROT_UNIFORM -> {
                double a = Math.sqrt(6.0 / (in + out));
                for (int i = 0; i < n; i++) d[i] = (2 * rng.nextDouble() - 1) * a;
            }
            case HE_NORMAL -> {
                double s = Math.sqrt(2.0 / in);
                for (int i = 0; i < n; i++) d[i] = rng.nextGaussian() * s;
            }
            case TORCH_DEFAULT -> {
                double a = 1.0 / Math.sqrt(in);
                for (int i = 0; i < n; i++) d[i] = (2 * rng.nextDouble() - 1) * a;
            }
        }
    }

    /** Fills a bias row (1 x out); zero except for {@link #TORCH_DEFAULT}. */
    public void fillBias(DMatrixRMaj b, int fanIn, Random rng) {
        if (this == TORCH_DEFAULT) {
            double a = 1.0 / Math.sqrt(fanIn);
            for (int i = 0; i < b.data.length; i++) b.data[i] = (2 * rng.nextDouble() - 1) * a;
        } else {
            b.zero();
        }
    }
}
