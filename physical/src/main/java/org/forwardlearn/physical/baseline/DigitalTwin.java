package org.forwardlearn.physical.baseline;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.optim.Adam;
import org.forwardlearn.core.random.Seeds;
import org.forwardlearn.physical.sim.DifferentiableSystem;

/**
 * A digital twin of a device: an {@link Mlp} fitted by backprop (MSE, Adam) on measured input/output pairs.
 * Used as the forward and backward model (in-silico) or the backward model only (physics-aware training).
 */
public final class DigitalTwin implements DifferentiableSystem {
    private final Mlp mlp;
    private final double testMse;

    private DigitalTwin(Mlp mlp, double testMse) { this.mlp = mlp; this.testMse = testMse; }

    /** Fits on (inputs, outputs); the last 10 % of pairs are held out to report the twin's error. */
    public static DigitalTwin fit(double[][] in, double[][] out, int hidden, int epochs, long seed) {
        int n = in.length, nFit = Math.max(1, (int) (n * 0.9));
        Mlp mlp = new Mlp(new int[] {in[0].length, hidden, hidden, out[0].length}, Seeds.random(seed, 0x5457L));
        Adam adam = new Adam(1e-3, 0);
        List<org.forwardlearn.core.layer.Parameter> ps = mlp.parameters();
        int bs = 64;
        for (int e = 0; e < epochs; e++) {
            int[] perm = org.forwardlearn.physical.pff.Permutations.of(nFit, Seeds.stream(seed, 0x5457L, e));
            for (int s = 0; s < nFit; s += bs) {
                int m = Math.min(bs, nFit - s);
                double[][] bx = new double[m][], by = new double[m][];
                for (int i = 0; i < m; i++) { bx[i] = in[perm[s + i]]; by[i] = out[perm[s + i]]; }
                DMatrixRMaj pred = mlp.forward(new DMatrixRMaj(bx));
                DMatrixRMaj d = new DMatrixRMaj(pred.numRows, pred.numCols);
                for (int i = 0; i < m; i++) for (int j = 0; j < pred.numCols; j++) d.set(i, j, 2 * (pred.get(i, j) - by[i][j]) / (m * pred.numCols));
                mlp.zeroGrad();
                mlp.backward(d);
                adam.step(ps);
            }
        }
        double mse = 0;
        int cnt = 0;
        if (nFit < n) {
            DMatrixRMaj pred = mlp.forward(new DMatrixRMaj(java.util.Arrays.copyOfRange(in, nFit, n)));
            for (int i = nFit; i < n; i++) for (int j = 0; j < pred.numCols; j++) { mse += Math.pow(pred.get(i - nFit, j) - out[i][j], 2); cnt++; }
        }
        return new DigitalTwin(mlp, cnt == 0 ? Double.NaN : mse / cnt);
    }

    /** Held-out mean squared error of the fit. */
    public double heldOutMse() { return testMse; }

    public long macs() { return mlp.macs(); }

    @Override
    public double[][] response(double[][] inputs) {
        DMatrixRMaj y = mlp.forward(new DMatrixRMaj(inputs));
        double[][] out = new double[y.numRows][y.numCols];
        for (int i = 0; i < y.numRows; i++) System.arraycopy(y.data, i * y.numCols, out[i], 0, y.numCols);
        return out;
    }

    @Override
    public double[][] vjp(double[][] inputs, double[][] dOutputs) {
        mlp.forward(new DMatrixRMaj(inputs));
        DMatrixRMaj d = mlp.backward(new DMatrixRMaj(dOutputs));
        mlp.zeroGrad();
        double[][] out = new double[d.numRows][d.numCols];
        for (int i = 0; i < d.numRows; i++) System.arraycopy(d.data, i * d.numCols, out[i], 0, d.numCols);
        return out;
    }
}
