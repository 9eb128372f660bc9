package org.forwardlearn.physical.pff;

import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.optim.Adam;
import org.forwardlearn.core.random.Seeds;

/**
 * A digital softmax (multinomial logistic) classifier trained with Adam on mini-batches: the optional
 * linear readout of PFF and the logistic-regression baseline. One layer, so no backprop across layers.
 */
public final class LinearReadout {
    private final DenseLayer layer;
    private final Adam adam;
    private final int classes;
    private long macs;

    public LinearReadout(int in, int classes, double lr, double weightDecay, long seed) {
        this.layer = new DenseLayer(in, classes, Activation.IDENTITY, Init.TORCH_DEFAULT, Seeds.random(seed, 0x524FL));
        this.adam = new Adam(lr, weightDecay);
        this.classes = classes;
    }

    public long macs() { return macs; }

    /** Trains for the given epochs on mini-batches of 64, shuffled with (seed, epoch). */
    public LinearReadout fit(double[][] x, int[] y, int epochs, long seed) {
        int n = x.length, bs = 64;
        for (int e = 0; e < epochs; e++) {
            int[] perm = permutation(n, Seeds.stream(seed, 0x5045L, e));
            for (int s = 0; s < n; s += bs) {
                int m = Math.min(bs, n - s);
                DMatrixRMaj a = new DMatrixRMaj(m, x[0].length);
                int[] t = new int[m];
                for (int i = 0; i < m; i++) { System.arraycopy(x[perm[s + i]], 0, a.data, i * a.numCols, a.numCols); t[i] = y[perm[s + i]]; }
                DMatrixRMaj z = layer.forward(a, null);
                DMatrixRMaj dz = softmaxGrad(z, t);
                layer.zeroGrad();
                layer.localGradient(a, z, dz);
                adam.step(layer.parameters());
                macs += 2L * m * a.numCols * classes;
            }
        }
        return this;
    }

    static DMatrixRMaj softmaxGrad(DMatrixRMaj z, int[] t) {
        DMatrixRMaj d = new DMatrixRMaj(z.numRows, z.numCols);
        for (int r = 0; r < z.numRows; r++) {
            double mx = Double.NEGATIVE_INFINITY, sum = 0;
            for (int c = 0; c < z.numCols; c++) mx = Math.max(mx, z.get(r, c));
            for (int c = 0; c < z.numCols; c++) sum += Math.exp(z.get(r, c) - mx);
            for (int c = 0; c < z.numCols; c++) d.set(r, c, (Math.exp(z.get(r, c) - mx) / sum - (c == t[r] ? 1 : 0)) / z.numRows);
        }
        return d;
    }

    public int[] predict(double[][] x) {
        DMatrixRMaj a = new DMatrixRMaj(x);
        DMatrixRMaj z = layer.forward(a, null);
        macs += (long) x.length * a.numCols * classes;
        int[] p = new int[x.length];
        for (int r = 0; r < x.length; r++) {
            int best = 0;
            for (int c = 1; c < classes; c++) if (z.get(r, c) > z.get(r, best)) best = c;
            p[r] = best;
        }
        return p;
    }

    public List<org.forwardlearn.core.layer.Parameter> parameters() { return layer.parameters(); }

    static int[] permutation(int n, SplittableRandom r) { return Permutations.of(n, r); }
}
