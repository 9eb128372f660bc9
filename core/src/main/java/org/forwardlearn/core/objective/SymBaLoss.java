package org.forwardlearn.core.objective;

import org.ejml.data.DMatrixRMaj;

/**
 * SymBa (Lee and Song 2023): mean over pairs of softplus(-alpha (G+_i - G-_i)); positive row i is
 * paired with negative row i. When there are k negatives per positive (neg has k * rows rows), the
 * negative j is paired with positive j mod rows.
 */
public final class SymBaLoss implements ContrastiveObjective {
    public static final double DEFAULT_ALPHA = 4.0;
    private final Goodness goodness;
    private final double alpha;

    public SymBaLoss(Goodness goodness, double alpha) {
        this.goodness = goodness;
        this.alpha = alpha;
    }

    public double alpha() { return alpha; }

    @Override public Goodness goodness() { return goodness; }

    @Override
    public double evaluate(DMatrixRMaj pos, DMatrixRMaj neg, DMatrixRMaj dPos, DMatrixRMaj dNeg) {
        int n = pos.numRows;
        if (n == 0 || neg.numRows % n != 0) {
            throw new IllegalArgumentException("Expected a multiple of " + n + " negative rows to pair with the positives (got "
                    + neg.numRows + ")");
        }
        double[] gp = new double[n];
        double[] gn = new double[neg.numRows];
        goodness.evaluate(pos, gp);
        goodness.evaluate(neg, gn);
        double[] dgp = new double[n];
        double[] dgn = new double[gn.length];
        double loss = 0;
        int pairs = gn.length;
        for (int j = 0; j < pairs; j++) {
            int i = j % n;
            double x = -alpha * (gp[i] - gn[j]);
            loss += Softplus.value(x) / pairs;
            double s = Softplus.sigmoid(x) / pairs;
            dgp[i] += -alpha * s;
            dgn[j] += alpha * s;
        }
        if (dPos != null) {
            dPos.reshape(pos.numRows, pos.numCols);
            dPos.zero();
            goodness.backward(pos, dgp, dPos);
        }
        if (dNeg != null) {
            dNeg.reshape(neg.numRows, neg.numCols);
            dNeg.zero();
            goodness.backward(neg, dgn, dNeg);
        }
        return loss;
    }

    @Override public String toString() { return "symba(alpha=" + alpha + ", " + goodness + ")"; }
}
