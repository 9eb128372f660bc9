package org.forwardlearn.core.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * One layer as stored in a {@link Checkpoint}: a type name (e.g. "dense", "gcn"), string attributes
 * (e.g. activation) and named matrices, in order. Modules convert their layers to and from records.
 */
public record LayerRecord(String type, Map<String, String> attributes, List<NamedMatrix> matrices) {
    public LayerRecord {
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        matrices = List.copyOf(matrices);
    }

    /** A named matrix. */
    public record NamedMatrix(String name, DMatrixRMaj value) {}

    /** The matrix of that name. */
    public DMatrixRMaj matrix(String name) {
        for (NamedMatrix m : matrices) if (m.name().equals(name)) return m.value();
        throw new IllegalArgumentException("Expected a matrix named '" + name + "' in layer record " + ReadBudget.preview(type) + " (got "
                + ReadBudget.preview(String.join(",", matrices.stream().map(NamedMatrix::name).toList())) + ")");
    }

    /** The attribute of that name. */
    public String attribute(String name) {
        String v = attributes.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Expected attribute '" + name + "' in layer record " + ReadBudget.preview(type) + " (got "
                    + ReadBudget.preview(String.join(",", attributes.keySet())) + ")");
        }
        return v;
    }
}
