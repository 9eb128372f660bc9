package org.forwardlearn.forwardgnn.layer;

import java.util.Random;

/**
 * Makes graph convolutions of one kind: the extension point for a user's own conv. Register an implementation
 * programmatically ({@link ConvRegistry#register}) or as a {@link java.util.ServiceLoader} provider (a jar or class
 * folder on the class path whose {@code META-INF/services/org.forwardlearn.forwardgnn.layer.ConvFactory} names the
 * class, which needs a public no-argument constructor); every forward-learning method, the backprop baselines,
 * {@code GnnModel.load} and {@code forwardlearn gnn train --conv NAME} then find it by {@link #name()}.
 * A conv written as message / aggregate / update extends {@link MessagePassingConv}.
 */
public interface ConvFactory {
    /** The registry key, also the {@link GraphConv#kind()} of what {@link #create} returns (lower case, no spaces). */
    String name();

    /** A new layer reading {@code in} columns and writing {@code out}, initialised from {@code rng}. */
    GraphConv create(int in, int out, Random rng);

    /** The layer widths this conv accepts are multiples of this (GAT: its heads); 1 by default. */
    default int widthMultiple() { return 1; }

    /**
     * The output layer of a backprop baseline, whose width is the number of classes (any width): by default
     * {@link #create}; GAT averages its heads there instead of concatenating them (as PyG's GAT models).
     */
    default GraphConv createOutput(int in, int out, Random rng) { return create(in, out, rng); }

    /** A factory from a name and a constructor (for {@link ConvRegistry#register}). */
    static ConvFactory of(String name, Constructor constructor) {
        return new ConvFactory() {
            @Override public String name() { return name; }
            @Override public GraphConv create(int in, int out, Random rng) { return constructor.create(in, out, rng); }
        };
    }

    /** A conv constructor {@code (in, out, rng) -> layer}. */
    @FunctionalInterface
    interface Constructor {
        GraphConv create(int in, int out, Random rng);
    }
}
