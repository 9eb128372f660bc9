package org.forwardlearn.core.optim;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.forwardlearn.core.layer.Parameter;

/**
 * SGD with momentum and L2 weight decay, as PyTorch's {@code torch.optim.SGD}: g' = g + wd p;
 * b = mu b + g' (b = g' on the first step); p -= lr b.
 */
public final class Sgd implements Optimizer {
    private final double lr, momentum, weightDecay;
    private final Map<Parameter, double[]> buffers = new IdentityHashMap<>();

    public Sgd(double lr, double momentum, double weightDecay) {
        if (!(lr > 0)) throw new IllegalArgumentException("Expected lr > 0 (got " + lr + ")");
        if (momentum < 0 || momentum >= 1) throw new IllegalArgumentException("Expected momentum in [0,1) (got " + momentum + ")");
        this.lr = lr; this.momentum = momentum; this.weightDecay = weightDecay;
    }

    @Override
    public void step(List<Parameter> params) {
        for (Parameter p : params) {
            double[] w = p.value().data, g = p.grad().data;
            int n = p.size();
            double[] b = buffers.get(p);
            boolean first = b == null;
            if (first && momentum > 0) { b = new double[n]; buffers.put(p, b); }
            for (int i = 0; i < n; i++) {
                double gi = g[i] + weightDecay * w[i];
                if (momentum > 0) {
                    b[i] = first ? gi : momentum * b[i] + gi;
                    gi = b[i];
                }
                w[i] -= lr * gi;
            }
        }
    }

    @Override
    public double[] saveState(List<Parameter> params) {
        int n = 1;
        for (Parameter p : params) n += p.size();
        double[] s = new double[n];
        s[0] = buffers.isEmpty() ? 0 : 1;
        int o = 1;
        for (Parameter p : params) {
            double[] b = buffers.get(p);
            if (b != null) System.arraycopy(b, 0, s, o, p.size());
            o += p.size();
        }
        return s;
    }

    @Override
    public void loadState(List<Parameter> params, double[] s) {
        int n = 1;
        for (Parameter p : params) n += p.size();
        if (s.length != n) throw new IllegalArgumentException("Expected SGD state of length " + n + " (got " + s.length + ")");
        if (s[0] != 0 && s[0] != 1) throw new IllegalArgumentException("Expected an SGD momentum flag 0 or 1 (got " + s[0] + ")");
        buffers.clear();
        if (s[0] == 0 || momentum == 0) return;
        int o = 1;
        for (Parameter p : params) {
            double[] b = new double[p.size()];
            System.arraycopy(s, o, b, 0, p.size());
            buffers.put(p, b);
            o += p.size();
        }
    }
}
