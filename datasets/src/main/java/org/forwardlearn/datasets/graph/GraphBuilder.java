package org.forwardlearn.datasets.graph;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;

import java.util.List;

/** Collects the parts of a {@link Graph}; {@link #build()} validates them. Not thread-safe. */
public final class GraphBuilder {
    private final String name;
    private DMatrixSparseCSC adjacency;
    private NodeFeatures features;
    private int[] labels;
    private int numClasses;
    private List<String> nodeNames;
    private NodeSplit publicSplit;
    private EdgeReport edgeReport;

    GraphBuilder(String name) {
        this.name = name;
    }

    /** Uses (a copy of) an N x N adjacency as given; entry (i, j) = edge i -> j. */
    public GraphBuilder adjacency(DMatrixSparseCSC a) {
        this.adjacency = a;
        return this;
    }

    /**
     * Builds the binary adjacency from the {@code m} edges {@code src[k] -> dst[k]}: duplicates are merged,
     * optionally the graph is symmetrised and self-loops removed; the counts go into {@link #edgeReport}.
     */
    public GraphBuilder edges(int numNodes, int[] src, int[] dst, int m, boolean symmetrise, boolean dropSelfLoops) {
        if (m > src.length || m > dst.length) {
            throw new IllegalArgumentException(name + ": Expected at least " + m + " entries in src and dst (got "
                    + src.length + " and " + dst.length + ")");
        }
        AdjacencyOps.Built b = AdjacencyOps.build(numNodes, src, dst, m, symmetrise, dropSelfLoops);
        this.adjacency = b.adjacency();
        this.edgeReport = b.report();
        return this;
    }

    public GraphBuilder features(NodeFeatures f) {
        this.features = f;
        return this;
    }

    public GraphBuilder features(DMatrixRMaj dense) {
        this.features = NodeFeatures.dense(dense);
        return this;
    }

    public GraphBuilder features(DMatrixSparseCSC sparse) {
        this.features = NodeFeatures.sparse(sparse);
        return this;
    }

    /** Labels per node (-1 = unknown) and the number of classes. */
    public GraphBuilder labels(int[] y, int classes) {
        this.labels = y;
        this.numClasses = classes;
        return this;
    }

    public GraphBuilder nodeNames(List<String> names) {
        this.nodeNames = names;
        return this;
    }

    public GraphBuilder publicSplit(NodeSplit split) {
        this.publicSplit = split;
        return this;
    }

    public GraphBuilder edgeReport(EdgeReport report) {
        this.edgeReport = report;
        return this;
    }

    /** Validates everything and returns the immutable graph. */
    public Graph build() {
        if (features == null) {
            throw new IllegalArgumentException(name + ": Expected node features (got none)");
        }
        return new Graph(name, adjacency, features, labels, numClasses, nodeNames, publicSplit, edgeReport);
    }
}
