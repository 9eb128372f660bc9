package org.forwardlearn.datasets.graph;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, validated graph: binary adjacency as an EJML {@link DMatrixSparseCSC} (N x N; entry (i, j)
 * is the edge i -> j, so column j lists the in-neighbours of j; for a symmetric graph the CSC arrays are
 * also the CSR of the same matrix), node features (dense or sparse, N x F), labels (-1 = unknown), an
 * optional list of node names and an optional public split.
 *
 * <p>All accessors return copies. Row indices within each column are sorted and unique; the constructor
 * counts self-loops and duplicate entries in the given matrix and merges duplicates (logging a warning), and
 * {@link #edgeReport()} says what the source file contained. Transformations ({@link #symmetrised()},
 * {@link #withSelfLoops()}, {@link #largestConnectedComponent()} ...) return new graphs.
 */
public final class Graph {
    private static final Logger LOG = LogManager.getLogger(Graph.class);

    private final String name;
    private final DMatrixSparseCSC adjacency;
    private final NodeFeatures features;
    private final int[] labels;
    private final int numClasses;
    private final List<String> nodeNames;
    private final NodeSplit publicSplit;
    private final EdgeReport edgeReport;
    private final int selfLoops;
    private final boolean symmetric;
    private final long undirectedEdges;

    Graph(String name, DMatrixSparseCSC adjacency, NodeFeatures features, int[] labels, int numClasses,
          List<String> nodeNames, NodeSplit publicSplit, EdgeReport edgeReport) {
        this.name = Objects.requireNonNull(name, "name");
        this.adjacency = GraphValidation.cleanAdjacency(name, adjacency);
        int n = this.adjacency.numRows;
        this.features = Objects.requireNonNull(features, "features");
        if (features.numRows() != n) {
            throw new IllegalArgumentException(name + ": Expected " + n + " feature rows (got " + features.numRows()
                    + ")");
        }
        this.labels = labels == null ? filled(n) : labels.clone();
        GraphValidation.checkLabels(name, this.labels, n, numClasses);
        this.numClasses = numClasses;
        if (nodeNames != null && nodeNames.size() != n) {
            throw new IllegalArgumentException(name + ": Expected " + n + " node names (got " + nodeNames.size() + ")");
        }
        this.nodeNames = nodeNames == null ? null : List.copyOf(nodeNames);
        if (publicSplit != null) publicSplit.checkWithin(n);
        this.publicSplit = publicSplit;
        this.edgeReport = edgeReport == null ? EdgeReport.none() : edgeReport;
        this.selfLoops = GraphValidation.countSelfLoops(this.adjacency);
        this.symmetric = GraphValidation.isSymmetric(this.adjacency);
        this.undirectedEdges = GraphValidation.undirectedEdgeCount(this.adjacency, symmetric, selfLoops);
    }

    private static int[] filled(int n) {
        int[] y = new int[n];
        Arrays.fill(y, -1);
        return y;
    }

    /** Starts a builder for a graph called {@code name}. */
    public static GraphBuilder builder(String name) {
        return new GraphBuilder(name);
    }

    public String name() {
        return name;
    }

    public int numNodes() {
        return adjacency.numRows;
    }

    /** Number of stored directed entries of the adjacency (each undirected edge counts twice). */
    public int numStoredEdges() {
        return adjacency.nz_length;
    }

    /** Number of unordered pairs {i, j}, i != j, joined by an edge in at least one direction. */
    public long undirectedEdgeCount() {
        return undirectedEdges;
    }

    /** Number of self-loops (diagonal entries) in the adjacency. */
    public int selfLoopCount() {
        return selfLoops;
    }

    /** Whether A equals its transpose (in pattern). */
    public boolean isSymmetric() {
        return symmetric;
    }

    /** What the source edge list contained (self-loops, duplicates) and what the loader did about them. */
    public EdgeReport edgeReport() {
        return edgeReport;
    }

    /** A copy of the binary adjacency (entry (i, j) = edge i -> j). */
    public DMatrixSparseCSC adjacency() {
        return adjacency.copy();
    }

    /** Sorted ids of the nodes i with an edge i -> j (for symmetric graphs: the neighbours of j). */
    public int[] inNeighbours(int j) {
        return Arrays.copyOfRange(adjacency.nz_rows, adjacency.col_idx[j], adjacency.col_idx[j + 1]);
    }

    /** Number of edges into each node (column counts; self-loops included). */
    public int[] inDegrees() {
        int[] d = new int[numNodes()];
        for (int j = 0; j < d.length; j++) d[j] = adjacency.col_idx[j + 1] - adjacency.col_idx[j];
        return d;
    }

    /** Number of edges out of each node (row counts; self-loops included). */
    public int[] outDegrees() {
        int[] d = new int[numNodes()];
        for (int k = 0; k < adjacency.nz_length; k++) d[adjacency.nz_rows[k]]++;
        return d;
    }

    public NodeFeatures features() {
        return features;
    }

    public int numFeatures() {
        return features.numCols();
    }

    public boolean isSparseFeatures() {
        return features.isSparse();
    }

    /** A sparse copy of the features (converted if stored dense). */
    public DMatrixSparseCSC sparseFeatures() {
        return features.sparse();
    }

    /** A dense copy of the features (converted if stored sparse). */
    public DMatrixRMaj denseFeatures() {
        return features.dense();
    }

    /** A copy of the labels; -1 marks a node without a label. */
    public int[] labels() {
        return labels.clone();
    }

    public int numClasses() {
        return numClasses;
    }

    /** Number of nodes per class (length numClasses; unlabelled nodes are not counted). */
    public int[] classCounts() {
        int[] c = new int[numClasses];
        for (int y : labels) if (y >= 0) c[y]++;
        return c;
    }

    public Optional<List<String>> nodeNames() {
        return Optional.ofNullable(nodeNames);
    }

    /** The split published with the dataset (Planetoid), if any. */
    public Optional<NodeSplit> publicSplit() {
        return Optional.ofNullable(publicSplit);
    }

    /** A builder initialised with everything of this graph (to derive a changed copy). */
    public GraphBuilder toBuilder() {
        return new GraphBuilder(name).adjacency(adjacency).features(features).labels(labels, numClasses)
                .nodeNames(nodeNames).publicSplit(publicSplit).edgeReport(edgeReport);
    }

    /** A ∪ Aᵀ: every edge in both directions. */
    public Graph symmetrised() {
        return GraphTransforms.rebuild(this, adjacency, true, false);
    }

    /** The graph with a self-loop on every node (existing self-loops are kept once). */
    public Graph withSelfLoops() {
        return toBuilder().adjacency(GraphTransforms.plusIdentity(adjacency)).build();
    }

    /** The graph without self-loops. */
    public Graph withoutSelfLoops() {
        return GraphTransforms.rebuild(this, adjacency, false, true);
    }

    /**
     * GCN normalisation D^-1/2 (A + I) D^-1/2 with D the row sums of A + I (existing self-loops count once).
     * For a symmetric A the result is symmetric.
     */
    public DMatrixSparseCSC gcnNormalized() {
        return GraphTransforms.gcnNormalize(adjacency);
    }

    /** Mean (row) normalisation D^-1 A: each non-empty row sums to 1 (mean aggregation for symmetric A). */
    public DMatrixSparseCSC meanNormalized() {
        return GraphTransforms.rowNormalize(adjacency);
    }

    /** The same graph with row-normalised features (PyG {@code NormalizeFeatures}: each row sums to 1). */
    public Graph withRowNormalizedFeatures() {
        return toBuilder().features(features.rowNormalized()).build();
    }

    /** Weakly connected component id per node (0..c-1, numbered by their smallest node). */
    public int[] connectedComponents() {
        return AdjacencyOps.components(adjacency);
    }

    /** The induced subgraph of the largest weakly connected component (ties: the one with the smallest node). */
    public Graph largestConnectedComponent() {
        return subgraph(GraphTransforms.largestComponentNodes(connectedComponents()));
    }

    /**
     * The subgraph induced by the distinct node ids in {@code nodes}; new node k is old node nodes[k]. The
     * public split is dropped (it refers to old ids).
     */
    public Graph subgraph(int[] nodes) {
        return GraphTransforms.subgraph(this, adjacency, nodes);
    }

    @Override
    public String toString() {
        return "Graph[" + name + ": " + numNodes() + " nodes, " + undirectedEdges + " undirected edges, "
                + numFeatures() + " features" + (features.isSparse() ? " (sparse)" : "") + ", " + numClasses
                + " classes]";
    }

    static Logger log() {
        return LOG;
    }
}
