package org.forwardlearn.spark.train;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * One partition's share of a training step (already scaled to the global mean): loss, dLoss/dW, dLoss/db and
 * dLoss/dPrototypes. {@link Sum} merges shares keyed by partition and adds them in partition order, so the
 * total does not depend on which task finished first.
 */
public record StepResult(double loss, double[] gradWeight, double[] gradBias, double[] gradPrototypes) implements Serializable {

    /** The serializable treeAggregate accumulator. */
    public static final class Sum implements Serializable {
        private static final long serialVersionUID = 1L;
        private final TreeMap<Integer, StepResult> parts = new TreeMap<>();

        public Sum add(int partition, StepResult r) {
            if (r != null) parts.put(partition, r);
            return this;
        }

        public Sum merge(Sum other) {
            for (Map.Entry<Integer, StepResult> e : other.parts.entrySet()) parts.put(e.getKey(), e.getValue());
            return this;
        }

        /** The total, or null when no partition held training nodes. */
        public StepResult total() {
            StepResult t = null;
            for (StepResult r : parts.values()) {
                if (t == null) {
                    t = new StepResult(r.loss(), r.gradWeight().clone(), r.gradBias().clone(), r.gradPrototypes().clone());
                } else {
                    add(t.gradWeight(), r.gradWeight());
                    add(t.gradBias(), r.gradBias());
                    add(t.gradPrototypes(), r.gradPrototypes());
                    t = new StepResult(t.loss() + r.loss(), t.gradWeight(), t.gradBias(), t.gradPrototypes());
                }
            }
            return t;
        }

        private static void add(double[] a, double[] b) { for (int i = 0; i < a.length; i++) a[i] += b[i]; }
    }
}
