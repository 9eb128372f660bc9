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
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.datasets.table.FeatureNorm;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.linkpred.LinkScorer;
import org.forwardlearn.forwardgnn.nodeclass.SfPredictor;

/**
 * A trained GNN: its graph layers (parameters are copies taken at the end of training) and extra
 * named matrices (for example SF's frozen virtual-node features and per-layer class prototypes, a fitted
 * standardize rule), saveable as a core {@link Checkpoint} and loadable ({@link #load}); {@link #predict} and
 * {@link #scorePairs} apply it to any graph, including one with new nodes and edges.
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

    /**
     * This model with the run's provenance recorded in its metadata (the {@code provenance.*} and {@code config.*} keys
     * of {@link RunProvenance#toStrings()}), so that a saved model carries it.
     */
    public GnnModel withProvenance(RunProvenance p) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.putAll(p.toStrings());
        return new GnnModel(convs, extras, m);
    }

    /**
     * How this model was made: config, seed, dataset, versions, times ({@link #withProvenance}; a model saved without
     * one gives empty fields).
     */
    public RunProvenance provenance() { return RunProvenance.fromStrings(metadata); }

    /** The task the model was trained for ({@code node} or {@code link}, from its metadata). */
    public String task() { return meta("task", "node"); }

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

    /** Metadata key of the feature normalisation rule ({@code FeatureNorm} id). */
    public static final String FEATURES_NORM = "features_norm";
    /** Extras of a fitted standardize rule (1 x F each). */
    public static final String NORM_MEAN = "norm_mean", NORM_SCALE = "norm_scale";

    /** Reads a model saved by {@link #save} (the core checkpoint format): layers by their kind, extras by name. */
    public static GnnModel load(Path file) throws IOException {
        Checkpoint cp = Checkpoint.load(file);
        List<GraphConv> convs = new ArrayList<>();
        Map<String, DMatrixRMaj> extras = new LinkedHashMap<>();
        for (LayerRecord r : cp.layers()) {
            if (r.type().equals("extras")) {
                for (LayerRecord.NamedMatrix m : r.matrices()) extras.put(m.name(), m.value());
                continue;
            }
            int in = Integer.parseInt(r.attribute("in")), out = Integer.parseInt(r.attribute("out"));
            GraphConv c = org.forwardlearn.forwardgnn.layer.Convs.create(r.type(), in, out, new java.util.Random(0));
            List<Parameter> ps = c.parameters();
            if (ps.size() != r.matrices().size()) {
                throw new IOException(file + ": Expected " + ps.size() + " matrices in a " + r.type() + " layer (got " + r.matrices().size() + ")");
            }
            for (int i = 0; i < ps.size(); i++) {
                DMatrixRMaj v = r.matrices().get(i).value(), p = ps.get(i).value();
                if (v.numRows != p.numRows || v.numCols != p.numCols) {
                    throw new IOException(file + ": Expected " + ps.get(i).name() + " of " + p.numRows + "x" + p.numCols + " (got "
                            + v.numRows + "x" + v.numCols + ")");
                }
                p.setTo(v);
            }
            convs.add(c);
        }
        if (convs.isEmpty()) throw new IOException(file + ": Expected at least one graph layer (got none)");
        return new GnnModel(convs, extras, cp.metadata());
    }

    private String meta(String key, String dflt) { return metadata.getOrDefault(key, dflt); }

    /** The feature normalisation the model was trained with (absent in old checkpoints: row-sum, the catalogue rule). */
    public FeatureNorm.Fitted featureNorm() {
        FeatureNorm rule = FeatureNorm.parse(meta(FEATURES_NORM, FeatureNorm.ROW_SUM.id()));
        if (rule != FeatureNorm.STANDARDIZE) return rule.fit(null, null);
        DMatrixRMaj m = extras.get(NORM_MEAN), sc = extras.get(NORM_SCALE);
        if (m == null || sc == null) throw new IllegalStateException("Expected the model's " + NORM_MEAN + " and " + NORM_SCALE + " (got none)");
        return new FeatureNorm.Fitted(rule, m.data.clone(), sc.data.clone());
    }

    /**
     * Node classification on any graph (inductive: new nodes and edges allowed) for a model trained with method sf:
     * the graph's features are normalised with the training run's fitted rule, its labelled training nodes
     * ({@code g.split().train()}) are wired to the class prototypes' virtual nodes as in training, and every layer
     * aggregates over the new graph ({@link SfPredictor}). On the training graph this gives the training run's predictions.
     */
    public NodePredictions predict(GraphInput g) { return predict(g.graph(), g.ids(), g.split().train()); }

    /**
     * As {@link #predict(GraphInput)} for a graph with raw features, the users' ids and the labelled training nodes to
     * wire to the virtual nodes ({@code wired}; may be empty, e.g. a graph of new nodes only).
     */
    public NodePredictions predict(GraphData graph, List<String> ids, int[] wired) {
        String method = meta("method", "?");
        if (Task.parse(task()) != Task.NODE || !org.forwardlearn.forwardgnn.nodeclass.NodeMethods.predictable(method)) {
            throw new IllegalArgumentException("Expected a node model trained with method sf for predict (got task "
                    + meta("task", "?") + ", method " + method + ")");
        }
        if (ids.size() != graph.numNodes()) throw new IllegalArgumentException("Expected " + graph.numNodes() + " ids (got " + ids.size() + ")");
        GraphData x = graph.withNormalizedFeatures(featureNorm(), ids);
        double tau = Double.parseDouble(meta("tau", "1.0"));
        boolean bidirectional = Boolean.parseBoolean(meta("bidirectional", "true"));
        double[] sum = SfPredictor.scores(convs, extras, x, wired, bidirectional, tau);
        int c = extras.get(SfPredictor.VIRTUAL_FEATURES).numRows, n = x.numNodes();
        int[] pred = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < c; k++) if (sum[i * c + k] > sum[i * c + best]) best = k;
            pred[i] = best;
        }
        double[] scores = sum.clone();
        for (int i = 0; i < scores.length; i++) scores[i] /= convs.size();
        return new NodePredictions(ids, pred, scores, c);
    }

    /** Link scores in (0, 1) of node pairs ({@code pairs[k] = {u, v}}, node indices of {@code g}) for an fl-* link model. */
    public double[] scorePairs(GraphInput g, int[][] pairs) {
        if (!metadata.containsKey("task") || Task.parse(task()) != Task.LINK) {
            throw new IllegalArgumentException("Expected a link model for pair scores (got task " + meta("task", "?") + ")");
        }
        var objective = LinkScorer.objective(meta("method", "?"), Double.parseDouble(meta("theta", "2.0")),
                Double.parseDouble(meta("alpha", "4.0")));
        int n = g.graph().numNodes();
        for (int[] p : pairs) {
            if (p.length != 2 || p[0] < 0 || p[0] >= n || p[1] < 0 || p[1] >= n) {
                throw new IllegalArgumentException("Expected pairs of node indices in [0, " + n + ") (got " + java.util.Arrays.toString(p) + ")");
            }
        }
        return LinkScorer.scores(convs, objective, g.normalised(featureNorm()), pairs);
    }
}
