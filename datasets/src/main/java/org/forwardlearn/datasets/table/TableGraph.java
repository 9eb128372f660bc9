package org.forwardlearn.datasets.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.datasets.graph.EdgeReport;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;

/**
 * A user graph read from tables (or built from arrays): the {@link Graph} (node k = the k-th row of the node table;
 * {@code nodeNames()} = the user's ids), the split value of every node, and the split to train on.
 *
 * @param graph         the graph; features as in the table (not normalised); self-loops dropped, duplicates merged
 * @param ids           the user's id of every node, in row order (integers in decimal, strings as written)
 * @param splitCode     per node {@link TableLayout#TRAIN}, VAL, TEST or OTHER
 * @param split         train / val / test node indices (labelled nodes only: unlabelled val/test rows are not scored)
 * @param splitSource   where the split came from: "column 'split' of FILE" or "random 64/16/20 ... seed S"
 * @param unscored      val/test rows without a label (kept in the graph and predicted, not scored)
 */
public record TableGraph(Graph graph, List<String> ids, int[] splitCode, NodeSplit split, String splitSource, int unscored) {
    public TableGraph {
        ids = List.copyOf(ids);
        splitCode = splitCode.clone();
        if (ids.size() != graph.numNodes() || splitCode.length != graph.numNodes()) {
            throw new IllegalArgumentException("Expected " + graph.numNodes() + " ids and split values (got " + ids.size() + " and "
                    + splitCode.length + ")");
        }
    }

    @Override public int[] splitCode() { return splitCode.clone(); }

    /** Node index of every id. */
    public Map<String, Integer> index() {
        Map<String, Integer> m = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) m.put(ids.get(i), i);
        return m;
    }

    /** The split value name of node i (train, val, test or other). */
    public String splitName(int i) { return TableLayout.SPLITS.get(splitCode[i]); }

    /** Whether the graph can be trained on for node classification: >= 2 classes and >= 1 training node (else throws). */
    public TableGraph requireTrainable() {
        int max = -1;
        for (int y : graph.labels()) max = Math.max(max, y);
        if (max < 1) throw TableRules.tooFewClasses(max).at(graph.name(), "", -1);
        if (split.train().length == 0) throw TableRules.noTrainingNode().at(graph.name(), "", -1);
        return this;
    }

    /** What was read and done, for logs, result.json and the CLI's status line. */
    public Map<String, Object> report() {
        EdgeReport e = graph.edgeReport();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodes", graph.numNodes());
        m.put("features", graph.numFeatures());
        m.put("classes", graph.numClasses());
        m.put("edge_rows", e.entriesRead());
        m.put("self_loops_dropped", e.selfLoopsRead());
        m.put("duplicates_merged", e.duplicatesRead());
        m.put("symmetrised", e.symmetrised());
        m.put("stored_edges", graph.numStoredEdges());
        m.put("split_source", splitSource);
        m.put("train", split.train().length);
        m.put("val", split.val().length);
        m.put("test", split.test().length);
        m.put("unscored_val_test", unscored);
        return m;
    }

    /**
     * A graph from arrays: node {@code i} has id {@code ids.get(i)}, features row i of {@code x}, label {@code labels[i]}
     * (-1 = unlabelled) and split {@code split[i]} (train|val|test|other); edges {@code src[k] -> dst[k]} are node
     * indices, symmetrised unless {@code directed}. The same rules as the table reader apply (unique ids, labelled
     * training nodes, known split values).
     */
    public static TableGraph fromArrays(String name, List<String> ids, DMatrixRMaj x, int[] labels, String[] split, int[] src,
                                        int[] dst, boolean directed) {
        int n = ids.size();
        if (x.numRows != n || labels.length != n || split.length != n) {
            throw new IllegalArgumentException(name + ": Expected " + n + " feature rows, labels and split values (got " + x.numRows
                    + ", " + labels.length + ", " + split.length + ")");
        }
        Map<String, Integer> seen = new HashMap<>();
        int[] code = new int[n];
        for (int i = 0; i < n; i++) {
            Integer prev = seen.put(ids.get(i), i);
            if (prev != null) throw TableRules.duplicateId(ids.get(i), "node " + prev).at(name, "node", i);
            code[i] = TableLayout.splitCode(split[i]);
            if (code[i] < 0) throw TableRules.badSplit(String.valueOf(split[i])).at(name, "node", i);
            if (labels[i] < -1) throw TableRules.badLabel(Integer.toString(labels[i])).at(name, "node", i);
            if (code[i] == TableLayout.TRAIN && labels[i] < 0) throw TableRules.unlabelledTraining(ids.get(i)).at(name, "node", i);
        }
        return assemble(name, ids, x, labels, code, src, dst, src.length, directed, "explicit split (arrays)");
    }

    /**
     * A catalogue graph in the table layout: ids "0".."N-1", split values from {@code split} (null: every node
     * "other"), the adjacency as stored (directed entries; already symmetric for the catalogue graphs).
     */
    public static TableGraph fromGraph(Graph g, NodeSplit split) {
        int n = g.numNodes();
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(Integer.toString(i));
        int[] code = new int[n];
        Arrays.fill(code, TableLayout.OTHER);
        if (split != null) {
            for (int i : split.train()) code[i] = TableLayout.TRAIN;
            for (int i : split.val()) code[i] = TableLayout.VAL;
            for (int i : split.test()) code[i] = TableLayout.TEST;
        }
        org.ejml.data.DMatrixSparseCSC a = g.adjacency();
        int[] src = new int[a.nz_length], dst = new int[a.nz_length];
        for (int j = 0; j < a.numCols; j++) {
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) { src[k] = a.nz_rows[k]; dst[k] = j; }
        }
        return assemble(g.name(), ids, g.denseFeatures(), g.labels(), code, src, dst, src.length, true,
                split == null ? "none" : "given split");
    }

    /** Builds the graph and the split from validated parts (package-internal: callers checked the rules). */
    static TableGraph assemble(String name, List<String> ids, DMatrixRMaj x, int[] labels, int[] code, int[] src, int[] dst, int m,
                               boolean directed, String splitSource) {
        int n = ids.size();
        int classes = 0;
        for (int y : labels) classes = Math.max(classes, y + 1);
        Graph g = Graph.builder(name).edges(n, src, dst, m, !directed, true).features(x).labels(labels, classes)
                .nodeNames(new ArrayList<>(ids)).build();
        List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int unscored = 0;
        for (int i = 0; i < n; i++) {
            if (code[i] == TableLayout.OTHER) continue;
            if (labels[i] < 0) { unscored++; continue; }   // (unlabelled training nodes were refused before)
            parts.get(code[i]).add(i);
        }
        NodeSplit s = new NodeSplit(toArray(parts.get(0)), toArray(parts.get(1)), toArray(parts.get(2)));
        return new TableGraph(g, ids, code, s, splitSource, unscored);
    }

    /** The same graph with a random 64/16/20 split of its labelled nodes (ForwardGNN's protocol, split 0 of seed). */
    static int[] randomSplitCodes(int[] labels, long seed) {
        NodeSplit s = NodeSplit.forwardGnn(labels, 0, seed);
        int[] code = new int[labels.length];
        Arrays.fill(code, TableLayout.OTHER);
        for (int i : s.train()) code[i] = TableLayout.TRAIN;
        for (int i : s.val()) code[i] = TableLayout.VAL;
        for (int i : s.test()) code[i] = TableLayout.TEST;
        return code;
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) a[i] = l.get(i);
        return a;
    }
}
