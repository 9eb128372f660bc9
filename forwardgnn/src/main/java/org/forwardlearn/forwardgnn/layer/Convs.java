package org.forwardlearn.forwardgnn.layer;

import java.util.Random;

/** Creates graph layers by name through the {@link ConvRegistry} ({@code gcn}, {@code sage}, {@code gat}, and any registered conv). */
public final class Convs {
    /** GAT's heads ({@link ConvRegistry#GAT_HEADS}). */
    public static final int GAT_HEADS = ConvRegistry.GAT_HEADS;

    private Convs() { }

    public static GraphConv create(String kind, int in, int out, Random rng) {
        GraphConv c = ConvRegistry.get(kind).create(in, out, rng);
        if (!kind.equals(c.kind())) {   // checkpoints record kind() and load by it
            throw new IllegalStateException("Expected conv '" + kind + "' to report kind '" + kind + "' (got '" + c.kind() + "')");
        }
        return c;
    }
}
