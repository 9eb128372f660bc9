package org.forwardlearn.core.layer;

/** Element-wise activations with their derivatives. */
public enum Activation {
    IDENTITY {
        @Override public double apply(double z) { return z; }
        @Override public double derivative(double z, double y) { return 1.0; }
        @Override public boolean needsPreActivation() { return false; }
    },
    RELU {
        @Override public double apply(double z) { return z > 0 ? z : 0.0; }
        @Override public double derivative(double z, double y) { return y > 0 ? 1.0 : 0.0; }
        @Override public boolean needsPreActivation() { return false; }
    },
    /** GELU, exact form with the Gauss error function: z * Phi(z). */
    GELU {
        @Override public double apply(double z) { return z * Erf.phi(z); }
        @Override public double derivative(double z, double y) { return Erf.phi(z) + z * Erf.pdf(z); }
        @Override public boolean needsPreActivation() { return true; }
    };

    public abstract double apply(double z);

    /** d act / dz, given the pre-activation z and the output y = act(z). */
    public abstract double derivative(double z, double y);

    /** Whether {@link #derivative} needs z (otherwise y is enough and z may be passed as NaN). */
    public abstract boolean needsPreActivation();

    /** Parses "relu", "gelu", "identity" (case-insensitive). */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.name().equalsIgnoreCase(name)) return a;
        }
        throw new IllegalArgumentException("Expected activation relu|gelu|identity (got '" + name + "')");
    }
}
