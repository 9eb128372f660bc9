package org.forwardlearn.core.optim;

/**
 * An immutable optimizer description; {@link #create()} makes a fresh instance (one per layer).
 *
 * @param kind        "adam" or "sgd"
 * @param lr          learning rate
 * @param weightDecay L2 weight decay added to the gradient
 * @param momentum    SGD momentum (ignored by Adam)
 */
public record OptimizerConfig(String kind, double lr, double weightDecay, double momentum) {
    public OptimizerConfig {
        if (!kind.equals("adam") && !kind.equals("sgd")) {
            throw new IllegalArgumentException("Expected optimizer adam|sgd (got '" + kind + "')");
        }
    }

    public static OptimizerConfig adam(double lr, double weightDecay) { return new OptimizerConfig("adam", lr, weightDecay, 0); }

    public static OptimizerConfig sgd(double lr, double momentum, double weightDecay) {
        return new OptimizerConfig("sgd", lr, weightDecay, momentum);
    }

    public Optimizer create() {
        return kind.equals("adam") ? new Adam(lr, weightDecay) : new Sgd(lr, momentum, weightDecay);
    }
}
