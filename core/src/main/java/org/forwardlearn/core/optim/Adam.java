package org.forwardlearn.core.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.forwardlearn.core.layer.Parameter;

/**
 * Adam (Kingma and Ba 2015) with L2 weight decay added to the gradient, exactly as PyTorch's
 * {@code torch.optim.Adam(weight_decay=wd)}: g' = g + wd * p; m = b1 m + (1-b1) g'; v = b2 v + (1-b2) g'^2;
 * p -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps).
 */
public final class Adam implements Optimizer {
    private final double lr, beta1, beta2, eps, weightDecay;
    private final Map<Parameter, double[][]> moments = new IdentityHashMap<>();
    private long t;

    public Adam(double lr, double beta1, double beta2, double eps, double weightDecay) {
        if (!(lr > 0)) throw new IllegalArgumentException("Expected lr > 0 (got " + lr + ")");
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("Expected betas in [0,1) (got " + beta1 + ", " + beta2 + ")");
        }
        if (weightDecay < 0) throw new IllegalArgumentException("Expected weight decay >= 0 (got " + weightDecay + ")");
        this.lr = lr; this.beta1 = beta1; this.beta2 = beta2; this.eps = eps; this.weightDecay = weightDecay;
    }

    public Adam(double lr, double weightDecay) { this(lr, 0.9, 0.999, 1e-8, weightDecay); }

    public long steps() { return t; }

    @Override
    public void step(List<Parameter> params) {
        t++;
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        double stepSize = lr / bc1;
        double sqrtBc2 = Math.sqrt(bc2);
        for (Parameter p : params) {
            double[][] mv = moments.computeIfAbsent(p, k -> new double[][] {new double[k.size()], new double[k.size()]});
            double[] m = mv[0], v = mv[1];
            double[] w = p.value().data, g = p.grad().data;
            int n = p.size();
            for (int i = 0; i < n; i++) {
                double gi = g[i] + weightDecay * w[i];
                m[i] = beta1 * m[i] + (1 - beta1) * gi;
                v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
                w[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / sqrtBc2 + eps);
            }
        }
    }

    @Override
    public double[] saveState(List<Parameter> params) {
        int n = 1;
        for (Parameter p : params) n += 2 * p.size();
        double[] s = new double[n];
        s[0] = t;
        int o = 1;
        for (Parameter p : params) {
            double[][] mv = moments.get(p);
            if (mv != null) {
                System.arraycopy(mv[0], 0, s, o, p.size());
                System.arraycopy(mv[1], 0, s, o + p.size(), p.size());
            }
            o += 2 * p.size();
        }
        return s;
    }

    @Override
    public void loadState(List<Parameter> params, double[] s) {
        int n = 1;
        for (Parameter p : params) n += 2 * p.size();
        if (s.length != n) throw new IllegalArgumentException("Expected Adam state of length " + n + " (got " + s.length + ")");
        if (!(s[0] >= 0) || s[0] != Math.rint(s[0]) || s[0] > 1e15) {
            throw new IllegalArgumentException("Expected an Adam step count >= 0 (got " + s[0] + ")");
        }
        int at = 1;
        for (Parameter p : params) {
            for (int k = at + p.size(); k < at + 2 * p.size(); k++) {
                if (!(s[k] >= 0) || !Double.isFinite(s[k])) {
                    throw new IllegalArgumentException("Expected Adam second moments >= 0 (got " + s[k] + " for " + p.name() + ")");
                }
            }
            at += 2 * p.size();
        }
        t = (long) s[0];
        int o = 1;
        moments.clear();
        for (Parameter p : params) {
            double[] m = new double[p.size()], v = new double[p.size()];
            System.arraycopy(s, o, m, 0, p.size());
            System.arraycopy(s, o + p.size(), v, 0, p.size());
            moments.put(p, new double[][] {m, v});
            o += 2 * p.size();
        }
    }
}
