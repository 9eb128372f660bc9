package org.forwardlearn.spark.train;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * One partition's share of a training step (already scaled to the global mean): loss, dLoss/dθ per parameter and
 * dLoss/dPrototypes. {@link Sum} merges shares keyed by partition and adds them in partition order, so the total does
 * not depend on which task finished first.
 */
public record StepResult(double loss, double[][] grads, double[] gradPrototypes) implements Serializable {

    /** Bytes of the numbers a partition returns (8 per double). */
    public long payloadBytes() {
        long n = 1 + gradPrototypes.length;
        for (double[] g : grads) n += g.length;
        return 8L * n;
    }

    /** The serializable treeAggregate accumulator. */
    public static final class Sum implements Serializable {
        private static final long serialVersionUID = 1L;
        private final TreeMap<Integer, StepResult> parts = new TreeMap<>();

        public Sum add(int partition, StepResult r) {
            if (r != null) parts.put(partition, r);
            return this;
        }

        public Sum merge(Sum other) {
            parts.putAll(other.parts);
            return this;
        }

        /** The total, or null when no partition held training nodes. */
        public StepResult total() {
            StepResult t = null;
            for (StepResult r : parts.values()) {
                if (t == null) {
                    double[][] g = new double[r.grads().length][];
                    for (int i = 0; i < g.length; i++) g[i] = r.grads()[i].clone();
                    t = new StepResult(r.loss(), g, r.gradPrototypes().clone());
                } else {
                    for (int i = 0; i < t.grads().length; i++) add(t.grads()[i], r.grads()[i]);
                    add(t.gradPrototypes(), r.gradPrototypes());
                    t = new StepResult(t.loss() + r.loss(), t.grads(), t.gradPrototypes());
                }
            }
            return t;
        }

        private static void add(double[] a, double[] b) { for (int i = 0; i < a.length; i++) a[i] += b[i]; }
    }
}
