package org.forwardlearn.core.objective;

import org.ejml.data.DMatrixRMaj;

/**
 * Hinton's forward-forward loss: mean over positives of softplus(-(G+ - theta)) plus mean over
 * negatives of softplus(G- - theta).
 */
public final class ForwardForwardLoss implements ContrastiveObjective {
    private final Goodness goodness;
    private final double theta;

    public ForwardForwardLoss(Goodness goodness, double theta) {
        this.goodness = goodness;
        this.theta = theta;
    }

    public double theta() { return theta; }

    @Override public Goodness goodness() { return goodness; }

    @Override
    public double evaluate(DMatrixRMaj pos, DMatrixRMaj neg, DMatrixRMaj dPos, DMatrixRMaj dNeg) {
        double[] gp = new double[pos.numRows];
        double[] gn = new double[neg.numRows];
        goodness.evaluate(pos, gp);
        goodness.evaluate(neg, gn);
        double loss = 0;
        double[] dgp = new double[pos.numRows];
        double[] dgn = new double[neg.numRows];
        for (int i = 0; i < gp.length; i++) {
            loss += Softplus.value(-(gp[i] - theta)) / gp.length;
            dgp[i] = -Softplus.sigmoid(-(gp[i] - theta)) / gp.length;
        }
        for (int i = 0; i < gn.length; i++) {
            loss += Softplus.value(gn[i] - theta) / gn.length;
            dgn[i] = Softplus.sigmoid(gn[i] - theta) / gn.length;
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

    @Override public String toString() { return "ff(theta=" + theta + ", " + goodness + ")"; }
}
