package org.forwardlearn.forwardgnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.forwardlearn.datasets.table.FeatureNorm;
import org.forwardlearn.datasets.table.TableGraph;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;

/**
 * A user's graph to train on or predict for: the graph with its features as given, an explicit split, the user's node
 * ids (every output is keyed by them) and the feature normalisation rule, an explicit choice recorded in provenance
 * and in the saved model.
 *
 * <pre>{@code
 * TableGraph t = TableGraphReader.readCsv(nodes, edges, TableOptions.defaults());
 * GnnResult r = new GnnExperiment(GnnConfig.defaults(), GraphInput.of(t)).run(listener);
 * }</pre>
 *
 * @param graph       topology, raw features, labels (-1 = unlabelled)
 * @param split       train / val / test node indices (the split column, or a random split stated in {@code splitSource})
 * @param ids         the user's id of every node
 * @param norm        feature normalisation, fitted on the training nodes (default for user graphs {@link FeatureNorm#USER_TABLE_DEFAULT})
 * @param splitSource where the split came from (for provenance)
 */
public record GraphInput(GraphData graph, Split split, List<String> ids, FeatureNorm norm, String splitSource) {
    public GraphInput {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(norm, "norm");
        ids = List.copyOf(ids);
        if (ids.size() != graph.numNodes()) throw new IllegalArgumentException("Expected " + graph.numNodes() + " ids (got " + ids.size() + ")");
        for (int[] part : new int[][] {split.train(), split.val(), split.test()}) {
            for (int i : part) {
                if (i < 0 || i >= graph.numNodes()) {
                    throw new IllegalArgumentException("Expected split node indices in [0, " + graph.numNodes() + ") (got " + i + ")");
                }
            }
        }
    }

    /** A table graph with the user-table default normalisation. */
    public static GraphInput of(TableGraph t) { return of(t, FeatureNorm.USER_TABLE_DEFAULT); }

    /** A table graph with its split and ids, normalised by {@code norm}. */
    public static GraphInput of(TableGraph t, FeatureNorm norm) {
        var s = t.split();
        return new GraphInput(GraphData.from(t.graph()), new Split(s.train(), s.val(), s.test()), t.ids(), norm, t.splitSource());
    }

    /** An in-memory graph with an explicit split (node indices); ids are "0".."N-1". */
    public static GraphInput of(GraphData g, Split split, FeatureNorm norm) {
        List<String> ids = new ArrayList<>(g.numNodes());
        for (int i = 0; i < g.numNodes(); i++) ids.add(Integer.toString(i));
        return new GraphInput(g, split, ids, norm, "explicit split (index arrays)");
    }

    public GraphInput withNorm(FeatureNorm v) { return new GraphInput(graph, split, ids, v, splitSource); }

    /** The rule fitted on this graph's training nodes (standardize: their column statistics). */
    public FeatureNorm.Fitted fitNorm() {
        return norm.fit(norm == FeatureNorm.STANDARDIZE ? graph.features().toDense() : null, split.train());
    }

    /** The graph with features normalised by {@code fitted} (errors name the user's ids). */
    public GraphData normalised(FeatureNorm.Fitted fitted) { return graph.withNormalizedFeatures(fitted, ids); }
}
