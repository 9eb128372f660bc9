package org.forwardlearn.forwardgnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.core.io.LayerRecord;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.layer.GraphConv;

/**
 * A trained GNN: its graph layers (parameters are copies taken at the end of training) and extra
 * named matrices (for example SF's frozen virtual-node features), saveable as a core {@link Checkpoint}.
 */
public final class GnnModel {
    private final List<GraphConv> convs;
    private final Map<String, DMatrixRMaj> extras;
    private final Map<String, String> metadata;

    public GnnModel(List<GraphConv> convs, Map<String, DMatrixRMaj> extras, Map<String, String> metadata) {
        List<GraphConv> c = new ArrayList<>();
        for (GraphConv g : convs) c.add(g.copy());
        this.convs = List.copyOf(c);
        this.extras = Map.copyOf(extras);
        this.metadata = Map.copyOf(metadata);
    }

    public List<GraphConv> convs() { return convs; }

    public Map<String, DMatrixRMaj> extras() { return extras; }

    public Map<String, String> metadata() { return metadata; }

    public long parameterCount() {
        long n = 0;
        for (GraphConv c : convs) for (Parameter p : c.parameters()) n += p.size();
        return n;
    }

    /** One layer record per graph layer (type = conv kind) plus one "extras" record when there are extras. */
    public Checkpoint toCheckpoint() {
        List<LayerRecord> records = new ArrayList<>();
        for (GraphConv c : convs) {
            List<LayerRecord.NamedMatrix> ms = new ArrayList<>();
            for (Parameter p : c.parameters()) ms.add(new LayerRecord.NamedMatrix(p.name(), p.value()));
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("in", Integer.toString(c.inputSize()));
            attrs.put("out", Integer.toString(c.outputSize()));
            records.add(new LayerRecord(c.kind(), attrs, ms));
        }
        if (!extras.isEmpty()) {
            List<LayerRecord.NamedMatrix> ms = new ArrayList<>();
            extras.forEach((k, v) -> ms.add(new LayerRecord.NamedMatrix(k, v)));
            records.add(new LayerRecord("extras", Map.of(), ms));
        }
        return new Checkpoint(metadata, records.size(), records.size(), records);
    }

    /** Writes {@link #toCheckpoint()} atomically. */
    public void save(Path file) throws IOException { toCheckpoint().save(file); }
}
