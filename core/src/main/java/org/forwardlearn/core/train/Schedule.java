package org.forwardlearn.core.train;

/** How layers are visited. Both schedules occur in the forward-learning literature. */
public enum Schedule {
    /** Train layer 0 to convergence, freeze it, then layer 1, ... (ForwardGNN). */
    GREEDY,
    /** Every epoch (and every batch) updates every layer in turn, bottom-up (Hinton's FF, PFF). */
    ALL_LAYERS;

    public static Schedule parse(String s) {
        for (Schedule v : values()) if (v.name().equalsIgnoreCase(s.replace('-', '_'))) return v;
        throw new IllegalArgumentException("Expected schedule greedy|all-layers (got '" + s + "')");
    }
}
