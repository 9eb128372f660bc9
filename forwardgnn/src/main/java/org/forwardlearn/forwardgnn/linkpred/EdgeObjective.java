package org.forwardlearn.forwardgnn.linkpred;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.objective.PairBceLoss;
import org.forwardlearn.core.objective.Softplus;

/**
 * Layer-local edge objectives of forward link prediction. CE: BCE on s_uv = &lt;z_u, z_v&gt; (core's
 * {@link PairBceLoss}); FF: goodness G_uv = sum_j (z_uj z_vj)^2 with Hinton's loss around theta;
 * SymBa: softplus(-alpha (G+_i - G-_i)) over paired positives and negatives. Scores are sigmoids.
 */
public final class EdgeObjective {
    public enum Kind { CE, FF, SYMBA }

    private final Kind kind;
    private final double theta, alpha;
    private final PairBceLoss bce = new PairBceLoss();

    public EdgeObjective(Kind kind, double theta, double alpha) { this.kind = kind; this.theta = theta; this.alpha = alpha; }

    public Kind kind() { return kind; }

    /**
     * Loss over positives pos[k] = {u, v} and negatives; dh (reshaped, overwritten) receives dLoss/dh.
     */
    public double evaluate(DMatrixRMaj h, int[][] pos, int[][] neg, DMatrixRMaj dh) {
        if (kind == Kind.CE) {
            int m = pos.length + neg.length;
            int[] s = new int[m], d = new int[m];
            double[] y = new double[m];
            for (int k = 0; k < pos.length; k++) { s[k] = pos[k][0]; d[k] = pos[k][1]; y[k] = 1; }
            for (int k = 0; k < neg.length; k++) { s[pos.length + k] = neg[k][0]; d[pos.length + k] = neg[k][1]; }
            return bce.evaluate(h, s, d, y, dh);
        }
        dh.reshape(h.numRows, h.numCols);
        dh.zero();
        double[] gp = goodness(h, pos), gn = goodness(h, neg);
        double[] dgp = new double[gp.length], dgn = new double[gn.length];
        double loss = 0;
        if (kind == Kind.FF) {
            for (int k = 0; k < gp.length; k++) {
                loss += Softplus.value(-(gp[k] - theta)) / gp.length;
                dgp[k] = -Softplus.sigmoid(-(gp[k] - theta)) / gp.length;
            }
            for (int k = 0; k < gn.length; k++) {
                loss += Softplus.value(gn[k] - theta) / gn.length;
                dgn[k] = Softplus.sigmoid(gn[k] - theta) / gn.length;
            }
        } else {
            int pairs = Math.min(gp.length, gn.length);
            for (int k = 0; k < pairs; k++) {
                double x = -alpha * (gp[k] - gn[k]);
                loss += Softplus.value(x) / pairs;
                double sg = Softplus.sigmoid(x) / pairs;
                dgp[k] = -alpha * sg;
                dgn[k] = alpha * sg;
            }
        }
        goodnessBackward(h, pos, dgp, dh);
        goodnessBackward(h, neg, dgn, dh);
        return loss;
    }

    /** Edge scores in (0, 1): sigmoid(&lt;z_u, z_v&gt;) for CE, sigmoid(G_uv - theta) otherwise. */
    public double[] scores(DMatrixRMaj h, int[][] pairs) {
        double[] out = new double[pairs.length];
        if (kind == Kind.CE) {
            int d = h.numCols;
            for (int k = 0; k < pairs.length; k++) {
                double s = 0;
                for (int j = 0; j < d; j++) s += h.data[pairs[k][0] * d + j] * h.data[pairs[k][1] * d + j];
                out[k] = Softplus.sigmoid(s);
            }
            return out;
        }
        double[] g = goodness(h, pairs);
        for (int k = 0; k < g.length; k++) out[k] = Softplus.sigmoid(g[k] - theta);
        return out;
    }

    static double[] goodness(DMatrixRMaj h, int[][] pairs) {
        int d = h.numCols;
        double[] g = new double[pairs.length];
        for (int k = 0; k < pairs.length; k++) {
            double s = 0;
            int u = pairs[k][0] * d, v = pairs[k][1] * d;
            for (int j = 0; j < d; j++) { double e = h.data[u + j] * h.data[v + j]; s += e * e; }
            g[k] = s;
        }
        return g;
    }

    private static void goodnessBackward(DMatrixRMaj h, int[][] pairs, double[] dg, DMatrixRMaj dh) {
        int d = h.numCols;
        for (int k = 0; k < pairs.length; k++) {
            if (dg[k] == 0) continue;
            int u = pairs[k][0] * d, v = pairs[k][1] * d;
            for (int j = 0; j < d; j++) {
                double a = h.data[u + j], b = h.data[v + j];
                dh.data[u + j] += dg[k] * 2 * a * b * b;
                dh.data[v + j] += dg[k] * 2 * b * a * a;
            }
        }
    }
}
