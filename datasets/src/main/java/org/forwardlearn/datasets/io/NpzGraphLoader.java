package org.forwardlearn.datasets.io;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.GraphBuilder;
import org.forwardlearn.datasets.graph.NodeFeatures;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Loads a graph stored in the gnn-benchmark / graph2gauss {@code .npz} layout: CSR adjacency
 * ({@code adj_data, adj_indices, adj_indptr, adj_shape}), CSR attributes ({@code attr_*}) or a dense
 * {@code attr_matrix}, labels as {@code labels} (N,) or sparse one-hot {@code labels_data/_indices/_indptr
 * /_shape}, and optional {@code node_names} (surrounding whitespace stripped). Object arrays in the archive are never read.
 *
 * <p>{@link Options#PYG} reproduces PyTorch Geometric's {@code read_npz} (CitationFull, Amazon, Coauthor):
 * features binarised ({@code x[x > 0] = 1}), self-loops removed, graph symmetrised. Self-loops and duplicates
 * found in the file are reported in {@link Graph#edgeReport()}.
 */
public final class NpzGraphLoader {
    private static final Logger LOG = LogManager.getLogger(NpzGraphLoader.class);

    /**
     * @param binarizeFeatures set every positive feature to 1
     * @param symmetrise add the reverse of every edge
     * @param dropSelfLoops remove self-loops
     */
    public record Options(boolean binarizeFeatures, boolean symmetrise, boolean dropSelfLoops) {
        /** PyG {@code read_npz}: binarise, symmetrise, no self-loops. */
        public static final Options PYG = new Options(true, true, true);
        /** Exactly as stored. */
        public static final Options RAW = new Options(false, false, false);
    }

    private NpzGraphLoader() {
    }

    public static Graph load(Path file, String name, Options options) {
        try (NpzFile npz = NpzFile.open(file)) {
            CsrParts adj = CsrParts.fromNpz(npz, "adj");
            if (adj.rows() != adj.cols()) {
                throw DatasetFormatException.of(file + "!adj_shape", "a square adjacency", adj.rows() + "x" + adj.cols());
            }
            int n = adj.rows();
            GraphBuilder b = Graph.builder(name)
                    .edges(n, adj.rowOfEntry(), adj.indices(), adj.nnz(), options.symmetrise(), options.dropSelfLoops())
                    .features(readFeatures(npz, n, options.binarizeFeatures()));
            int[] labels = readLabels(npz, n);
            int classes = Arrays.stream(labels).max().orElse(-1) + 1;
            if (npz.has("class_names")) {
                NpyArray cn = npz.get("class_names");
                if (cn.kind() == 'U') classes = Math.max(classes, cn.size());
            }
            b.labels(labels, classes);
            if (npz.has("node_names")) {
                NpyArray nn = npz.get("node_names");
                if (nn.kind() == 'U' && nn.size() == n) {
                    b.nodeNames(Arrays.stream(nn.toStringArray()).map(String::strip).toList());
                }
            }
            Graph g = b.build();
            LOG.debug("Loaded {} from {}: {} (source: {})", name, file, g, g.edgeReport());
            return g;
        }
    }

    private static NodeFeatures readFeatures(NpzFile npz, int n, boolean binarize) {
        if (npz.has("attr_data")) {
            CsrParts attr = CsrParts.fromNpz(npz, "attr");
            if (attr.rows() != n) {
                throw DatasetFormatException.of(npz.path() + "!attr_shape", n + " rows (one per node)",
                        Integer.toString(attr.rows()));
            }
            DMatrixSparseCSC x = attr.toCsc(binarize);
            return NodeFeatures.sparse(x);
        }
        if (npz.has("attr_matrix")) {
            NpyArray a = npz.get("attr_matrix").requireShape(n, -1).requireKind("fiub");
            Budget.product(a.source(), "a dense feature matrix (8 bytes a value)", 8, n, a.shape()[1]);
            DMatrixRMaj x = new DMatrixRMaj(n, (int) a.shape()[1]);
            for (int k = 0; k < x.data.length; k++) {
                double v = a.getDouble(k);
                x.data[k] = binarize ? (v > 0 ? 1 : 0) : v;
            }
            return NodeFeatures.dense(x);
        }
        throw DatasetFormatException.of(npz.path(), "entries attr_data/attr_indices/attr_indptr/attr_shape or "
                + "attr_matrix", "entries " + npz.keys());
    }

    private static int[] readLabels(NpzFile npz, int n) {
        if (npz.has("labels")) {
            NpyArray l = npz.get("labels").requireShape(n).requireKind("iu");
            int[] y = l.toIntArray();
            for (int i = 0; i < n; i++) {
                if (y[i] < -1) throw DatasetFormatException.of(l.source(), "labels >= -1 at node " + i, "" + y[i]);
            }
            return y;
        }
        if (npz.has("labels_data")) {
            CsrParts l = CsrParts.fromNpz(npz, "labels");
            if (l.rows() != n) {
                throw DatasetFormatException.of(l.source(), n + " label rows", Integer.toString(l.rows()));
            }
            int[] y = new int[n];
            Arrays.fill(y, -1);
            for (int i = 0; i < n; i++) {
                for (int k = l.indptr()[i]; k < l.indptr()[i + 1]; k++) {
                    if (l.data()[k] != 0) {
                        y[i] = l.indices()[k];
                        break;
                    }
                }
            }
            return y;
        }
        throw DatasetFormatException.of(npz.path(), "entry 'labels' or 'labels_data'", "entries " + npz.keys());
    }
}
