package org.forwardlearn.forwardgnn.layer;

import java.util.Random;

/** Creates graph layers by name: {@code gcn}, {@code sage}, {@code gat} (4 heads concatenated). */
public final class Convs {
    public static final int GAT_HEADS = 4;

    private Convs() { }

    public static GraphConv create(String kind, int in, int out, Random rng) {
        return switch (kind) {
            case "gcn" -> new GcnConv(in, out, rng);
            case "sage" -> new SageConv(in, out, rng);
            case "gat" -> new GatConv(in, out, GAT_HEADS, true, rng);
            default -> throw new IllegalArgumentException("Expected conv gcn|sage|gat (got '" + kind + "')");
        };
    }
}
