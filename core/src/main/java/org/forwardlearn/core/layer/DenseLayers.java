package org.forwardlearn.core.layer;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.io.LayerRecord;
import org.forwardlearn.core.io.ReadBudget;

/** Converts {@link DenseLayer}s to and from checkpoint {@link LayerRecord}s (type "dense"). */
public final class DenseLayers {
    private DenseLayers() {}

    public static LayerRecord toRecord(DenseLayer l) {
        return new LayerRecord("dense", Map.of("activation", l.activation().name().toLowerCase()),
                List.of(new LayerRecord.NamedMatrix("weight", l.weight()), new LayerRecord.NamedMatrix("bias", l.bias())));
    }

    public static DenseLayer fromRecord(LayerRecord r) {
        if (!r.type().equals("dense")) {
            throw new IllegalArgumentException("Expected a 'dense' layer record (got " + ReadBudget.preview(r.type()) + ")");
        }
        DMatrixRMaj w = r.matrix("weight");
        if (w.numRows < 1 || w.numCols < 1) {
            throw new IllegalArgumentException("Expected a non-empty dense weight (got " + w.numRows + "x" + w.numCols + ")");
        }
        String act = r.attribute("activation");
        Activation a;
        try {
            a = Activation.parse(act);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Expected activation relu|gelu|identity (got " + ReadBudget.preview(act) + ")", e);
        }
        return new DenseLayer(w, r.matrix("bias"), a);
    }
}
