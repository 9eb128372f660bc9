package org.forwardlearn.forwardgnn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.RowStore;
import org.forwardlearn.forwardgnn.nodeclass.NodeProblem;

/**
 * The memory ledger of a node-classification run: bytes of every big array (node- or edge-sized) at the problem's peak,
 * so the heap can be checked against it: the graph (its int CSR once, the appended virtual-node wiring and degree scales),
 * the features as stored (their base rows; views add scales), labels and split, and the problem's {@link NodeProblem#peakLedger()} (layer input beyond the
 * features, its row aggregations, the layer output, the scores).
 */
public final class MemoryLedger {
    private MemoryLedger() { }

    /** The ledger of a run on {@code g} whose problem is {@code p} (after training). */
    public static Map<String, Long> of(GraphData g, NodeProblem p) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("graph_csr", g.topology().bytes(true));
        if (p.topology() != g.topology()) m.put("graph_virtual_wiring", p.topology().bytes(false));
        m.put("features", features(g.features()));
        m.put("labels", 4L * g.labels().length);
        for (Map.Entry<String, Long> e : p.peakLedger().entrySet()) {
            // layer 0's input is a view of the features: count only what the view adds (its scales, the virtual rows)
            long v = e.getKey().equals("layer0_input") ? Math.max(0, e.getValue() - features(g.features())) : e.getValue();
            m.put(e.getKey().equals("layer0_input") ? "layer0_input_views" : e.getKey(), v);
        }
        return m;
    }

    static long features(NodeMatrix x) {
        if (x instanceof RowStore r) return r.baseBytes();
        return x.isSparse() ? 12L * x.nonZeros() + 4L * (x.rows() + 1) : 8L * x.rows() * x.cols();
    }
}
