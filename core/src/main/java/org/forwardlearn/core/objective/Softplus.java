package org.forwardlearn.core.objective;

/** Numerically stable softplus log(1 + e^x) and its derivative (the logistic function). */
public final class Softplus {
    private Softplus() {}

    public static double value(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    public static double sigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1.0 + e);
    }
}
