package org.forwardlearn.core.update;

import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * Simultaneous-perturbation stochastic approximation (Spall 1992): a model-free gradient estimate of a
 * black-box loss L(theta) from two evaluations per sample, g ~ (L(theta + c delta) - L(theta - c delta)) / (2 c) * delta
 * with delta a Rademacher vector, averaged over {@code samples} draws. The loss is only ever evaluated,
 * never differentiated, so theta may parameterise a physical device.
 */
public final class Spsa {
    private final double c;
    private final int samples;
    private final Random rng;
    private long evaluations;

    /**
     * @param c       perturbation size (&gt; 0)
     * @param samples number of perturbation draws averaged per estimate (&gt;= 1)
     * @param rng     seeded source of the perturbations
     */
    public Spsa(double c, int samples, Random rng) {
        if (!(c > 0)) throw new IllegalArgumentException("Expected perturbation c > 0 (got " + c + ")");
        if (samples < 1) throw new IllegalArgumentException("Expected samples >= 1 (got " + samples + ")");
        this.c = c; this.samples = samples; this.rng = rng;
    }

    /** Loss evaluations made so far (2 per sample). */
    public long evaluations() { return evaluations; }

    /**
     * Estimates dL/dtheta at theta (theta is restored before returning).
     *
     * @param theta current parameters (perturbed in place during the call, restored after)
     * @param loss  the black-box loss
     * @param grad  overwritten with the estimate (length theta.length)
     */
    public void estimate(double[] theta, ToDoubleFunction<double[]> loss, double[] grad) {
        int n = theta.length;
        if (grad.length != n) throw new IllegalArgumentException("Expected grad of length " + n + " (got " + grad.length + ")");
        java.util.Arrays.fill(grad, 0);
        double[] delta = new double[n];
        double[] orig = theta.clone();
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < n; i++) delta[i] = rng.nextBoolean() ? 1.0 : -1.0;
            for (int i = 0; i < n; i++) theta[i] = orig[i] + c * delta[i];
            double lp = loss.applyAsDouble(theta);
            for (int i = 0; i < n; i++) theta[i] = orig[i] - c * delta[i];
            double lm = loss.applyAsDouble(theta);
            evaluations += 2;
            double scale = (lp - lm) / (2 * c * samples);
            for (int i = 0; i < n; i++) grad[i] += scale * delta[i];
        }
        System.arraycopy(orig, 0, theta, 0, n);
    }
}
