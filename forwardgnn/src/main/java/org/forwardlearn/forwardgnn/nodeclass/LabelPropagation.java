package org.forwardlearn.forwardgnn.nodeclass;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.graph.Csr;

/**
 * Label and residual propagation over a fixed graph operator (no parameters, no gradients): the local signals of
 * {@link Propagated}. Every array is n x C, row-major. The operator is the GCN operator D^-1/2 (A+I) D^-1/2 of the
 * real graph ({@code Topology.gcn()}, the module's one normalisation rule).
 *
 * <p>Propagation (Zhou et al. 2004; Correct and Smooth, Huang et al. 2021): Z_0 = Y_0, Z_{t+1} = alpha S Z_t +
 * (1 - alpha) Y_0, {@link #ITERATIONS} steps. Correct-and-Smooth of a base prediction P: the training residual
 * E = Y - P on training rows (0 elsewhere) is propagated and rescaled per row to the mean training residual's L1 size
 * ("autoscale"), added to P; then that is propagated again with the training rows reset to their one-hot labels.
 */
public final class LabelPropagation {
    /** Propagation steps (C&amp;S uses 50; the iteration converges geometrically at rate alpha). */
    public static final int ITERATIONS = 50;

    private LabelPropagation() { }

    /** Z = propagation of y0 with {@code alpha} over {@code s} (square, n x n), {@link #ITERATIONS} steps. */
    public static double[] propagate(Csr s, double[] y0, int c, double alpha) {
        int n = s.rows();
        DMatrixRMaj z = DMatrixRMaj.wrap(n, c, y0.clone()), next = new DMatrixRMaj(n, c);
        for (int t = 0; t < ITERATIONS; t++) {
            s.mult(z, next);
            for (int i = 0; i < next.data.length; i++) next.data[i] = alpha * next.data[i] + (1 - alpha) * y0[i];
            DMatrixRMaj tmp = z; z = next; next = tmp;
        }
        return z.data;
    }

    /** One-hot labels of the given nodes, zero rows elsewhere (n x c). */
    public static double[] oneHot(int[] labels, int[] nodes, int n, int c) {
        double[] y = new double[n * c];
        for (int i : nodes) y[i * c + labels[i]] = 1;
        return y;
    }

    /**
     * Correct and Smooth of the base prediction {@code p} (rows are distributions), training labels only.
     *
     * @param alphaCorrect residual propagation strength (0 skips the correction step)
     * @param alphaSmooth  label smoothing strength (0 skips the smoothing step)
     */
    public static double[] correctAndSmooth(Csr s, double[] p, int[] labels, int[] train, int c, double alphaCorrect,
                                            double alphaSmooth) {
        int n = s.rows();
        double[] y = oneHot(labels, train, n, c);
        double[] out = p.clone();
        if (alphaCorrect > 0) {
            double[] e = new double[n * c];
            double scale = 0;
            for (int i : train) {
                for (int k = 0; k < c; k++) {
                    e[i * c + k] = y[i * c + k] - p[i * c + k];
                    scale += Math.abs(e[i * c + k]);
                }
            }
            scale /= train.length;
            double[] ep = propagate(s, e, c, alphaCorrect);
            for (int i = 0; i < n; i++) {
                double l1 = 0;
                for (int k = 0; k < c; k++) l1 += Math.abs(ep[i * c + k]);
                double f = l1 > 1e-12 ? scale / l1 : 0;
                for (int k = 0; k < c; k++) out[i * c + k] += f * ep[i * c + k];
            }
        }
        if (alphaSmooth > 0) {
            for (int i : train) System.arraycopy(y, i * c, out, i * c, c);
            out = propagate(s, out, c, alphaSmooth);
        }
        return out;
    }

    /** Rows clipped at 0 and normalised to sum 1 (a row with no mass becomes uniform): soft targets. */
    public static double[] distributions(double[] z, int c) {
        double[] t = new double[z.length];
        for (int i = 0; i < z.length / c; i++) {
            double sum = 0;
            for (int k = 0; k < c; k++) { t[i * c + k] = Math.max(0, z[i * c + k]); sum += t[i * c + k]; }
            for (int k = 0; k < c; k++) t[i * c + k] = sum > 0 ? t[i * c + k] / sum : 1.0 / c;
        }
        return t;
    }

    /** Fraction of {@code nodes} whose argmax of {@code scores} is their label. */
    public static double accuracy(double[] scores, int[] labels, int[] nodes, int c) {
        int ok = 0;
        for (int i : nodes) {
            int best = 0;
            for (int k = 1; k < c; k++) if (scores[i * c + k] > scores[i * c + best]) best = k;
            if (best == labels[i]) ok++;
        }
        return nodes.length == 0 ? 0 : (double) ok / nodes.length;
    }
}
