package org.forwardlearn.forwardgnn.graph;

import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeFeatures;
import org.forwardlearn.datasets.table.FeatureNorm;

/**
 * A labelled graph as this module's layers read it: topology, node features (dense or sparse) and
 * labels. Features are used as given (the experiment row-normalises them to sum 1 first).
 *
 * @param id         dataset id (for provenance)
 * @param topology   message-passing edges
 * @param features   one row per node
 * @param labels     class per node in [0, numClasses), or -1 for a node without a label (never in a split)
 * @param numClasses number of classes
 * @param publicSplit the split the dataset comes with (a generated graph of given split sizes), or null
 */
public record GraphData(String id, Topology topology, NodeMatrix features, int[] labels, int numClasses, Split publicSplit) {
    public GraphData(String id, Topology topology, NodeMatrix features, int[] labels, int numClasses) {
        this(id, topology, features, labels, numClasses, null);
    }

    /**
     * A generated graph without copies: its CSR becomes the topology (symmetric, so in-neighbours = neighbours), its
     * feature array a {@link RowStore}, its split (if any) the public split.
     */
    public static GraphData from(org.forwardlearn.datasets.generate.GeneratedGraph g) {
        int n = g.numNodes();
        NodeMatrix x = g.floats() != null ? RowStore.ofFloats(n, g.features(), g.floats()) : RowStore.ofDoubles(n, g.features(), g.doubles());
        Split s = g.train() == null ? null : new Split(g.train(), g.val(), g.test());
        return new GraphData(g.name(), Topology.fromCsr(n, g.rowPtr(), g.colIdx()), x, g.labels(), g.classes(), s);
    }

    public GraphData {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(features, "features");
        if (features.rows() != topology.numNodes()) {
            throw new IllegalArgumentException("Expected " + topology.numNodes() + " feature rows (got " + features.rows() + ")");
        }
        if (labels.length != topology.numNodes()) {
            throw new IllegalArgumentException("Expected " + topology.numNodes() + " labels (got " + labels.length + ")");
        }
        for (int y : labels) {
            if (y < -1 || y >= numClasses) {
                throw new IllegalArgumentException("Expected labels in [0," + numClasses + ") or -1 for unlabelled (got " + y + ")");
            }
        }
    }

    public int numNodes() { return topology.numNodes(); }

    /** Converts a datasets {@link Graph} (entry (i, j) of its adjacency = edge i -> j). */
    public static GraphData from(Graph g) {
        DMatrixSparseCSC a = g.adjacency();
        int[] src = new int[a.nz_length], dst = new int[a.nz_length];
        for (int j = 0; j < a.numCols; j++) {
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) { src[k] = a.nz_rows[k]; dst[k] = j; }
        }
        return new GraphData(g.name(), Topology.fromEdges(g.numNodes(), src, dst), toNodeMatrix(g.features()),
                g.labels(), g.numClasses());
    }

    /** Dense features at most this dense are stored sparse (bag-of-words read as dense, e.g. Planetoid). */
    static final double SPARSE_BELOW_DENSITY = 0.1;

    /**
     * Sparse features stay sparse (CSC is transposed into CSR); dense ones are wrapped, or stored sparse
     * when at most {@link #SPARSE_BELOW_DENSITY} of their entries are non-zero.
     */
    public static NodeMatrix toNodeMatrix(NodeFeatures f) {
        if (!f.isSparse()) {
            DMatrixRMaj d = f.dense();
            long nz = 0;
            for (double v : d.data) if (v != 0) nz++;
            if (nz <= SPARSE_BELOW_DENSITY * d.getNumElements()) return NodeMatrix.sparse(Csr.fromDense(d));
            return NodeMatrix.dense(d.copy());
        }
        DMatrixSparseCSC x = f.sparse();
        int[] r = new int[x.nz_length], c = new int[x.nz_length];
        double[] v = new double[x.nz_length];
        for (int j = 0; j < x.numCols; j++) {
            for (int k = x.col_idx[j]; k < x.col_idx[j + 1]; k++) { r[k] = x.nz_rows[k]; c[k] = j; v[k] = x.nz_values[k]; }
        }
        return NodeMatrix.sparse(Csr.fromTriplets(x.numRows, x.numCols, r, c, v));
    }

    /** The same graph with features scaled so that each row sums to one (PyG's NormalizeFeatures; see {@link FeatureNorm}). */
    public GraphData withRowSumNormalizedFeatures() {
        return withNormalizedFeatures(FeatureNorm.ROW_SUM.fit(null, null), null);
    }

    /**
     * The same graph with features normalised by a fitted datasets {@link FeatureNorm} rule (the one implementation of
     * each rule). Row-wise rules keep the storage kind; standardize makes the features dense. {@code rowNames} (may be
     * null) name rows in errors, e.g. row-sum's refusal of a signed row.
     */
    public GraphData withNormalizedFeatures(FeatureNorm.Fitted rule, java.util.List<String> rowNames) {
        if (rule.rule() == FeatureNorm.NONE) return this;
        NodeMatrix f;
        if (features instanceof RowStore r && rule.rule().rowWise()) {
            f = r.normalizedRows(rule, rowNames); // a view: one scale per row, the stored rows shared
        } else if (rule.rule().rowWise()) {
            Csr c = features.isSparse() ? ((SparseNodes) features).csr() : Csr.fromDense(features.toDense());
            f = NodeMatrix.sparse(c.normalizedRows(rule, rowNames));
            if (!features.isSparse()) f = NodeMatrix.dense(f.toDense());
        } else {
            f = NodeMatrix.dense(rule.apply(features.toDense(), rowNames));
        }
        return new GraphData(id, topology, f, labels, numClasses, publicSplit);
    }
}
