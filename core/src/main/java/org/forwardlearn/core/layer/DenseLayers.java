package org.forwardlearn.core.layer;

import java.util.List;
import java.util.Map;
import org.forwardlearn.core.io.LayerRecord;

/** Converts {@link DenseLayer}s to and from checkpoint {@link LayerRecord}s (type "dense"). */
public final class DenseLayers {
    private DenseLayers() {}

    public static LayerRecord toRecord(DenseLayer l) {
        return new LayerRecord("dense", Map.of("activation", l.activation().name().toLowerCase()),
                List.of(new LayerRecord.NamedMatrix("weight", l.weight()), new LayerRecord.NamedMatrix("bias", l.bias())));
    }

    public static DenseLayer fromRecord(LayerRecord r) {
        if (!r.type().equals("dense")) throw new IllegalArgumentException("Expected a 'dense' layer record (got '" + r.type() + "')");
        return new DenseLayer(r.matrix("weight"), r.matrix("bias"), Activation.parse(r.attribute("activation")));
    }
}
