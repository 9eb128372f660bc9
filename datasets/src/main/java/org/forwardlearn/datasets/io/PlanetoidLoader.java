package org.forwardlearn.datasets.io;

import org.ejml.data.DMatrixSparseCSC;
import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.MissingDatasetFileException;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.datasets.io.PickleValues.CsrMatrix;
import org.forwardlearn.datasets.io.PickleValues.NdArray;
import org.forwardlearn.datasets.io.PickleValues.Tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Loads a Planetoid dataset ({@code ind.<name>.{x,y,tx,ty,allx,ally,graph,test.index}}) the way GCN
 * (Kipf and Welling) and PyG assemble it: node ids 0..|allx|-1 take the rows of allx/ally; row i of tx/ty
 * belongs to the id on line i of test.index; ids in the test range that are not in test.index (15 in
 * CiteSeer) get a zero feature row and label -1 (PyG gives them class 0). The graph is symmetrised and
 * self-loops and duplicates are removed (PyG); what the file contained is in {@link Graph#edgeReport()}.
 * Public split: train = ids 0..|y|-1, val = the next 500, test = the sorted test.index ids.
 */
public final class PlanetoidLoader {
    /** Where PyG downloads the files from. */
    public static final String URL = "https://github.com/kimiyoung/planetoid/raw/master/data/";

    private PlanetoidLoader() {
    }

    public static Graph load(Path dir, String name) {
        Path[] f = new Path[7];
        String[] ext = {"x", "y", "tx", "ty", "allx", "ally", "graph"};
        for (int i = 0; i < ext.length; i++) f[i] = require(dir, name, ext[i]);
        Path testIndex = require(dir, name, "test.index");
        CsrParts x = csr(f[0]);
        int[] y = oneHotLabels(f[1]);
        CsrParts tx = csr(f[2]);
        int[] ty = oneHotLabels(f[3]);
        CsrParts allx = csr(f[4]);
        int[] ally = oneHotLabels(f[5]);
        int[] test = readIndex(testIndex);
        int nFeatures = allx.cols();
        // each message names the file that disagrees with the others
        if (tx.cols() != nFeatures || x.cols() != nFeatures) {
            throw DatasetFormatException.of(tx.cols() != nFeatures ? f[2] : f[0], nFeatures + " feature columns as in allx",
                    tx.cols() + " (tx), " + x.cols() + " (x)");
        }
        if (tx.rows() != test.length || ty.length != test.length) {
            Path wrong = tx.rows() != test.length && ty.length != test.length ? testIndex : tx.rows() != test.length ? f[2] : f[3];
            throw DatasetFormatException.of(wrong, test.length + " rows in tx and ty (lines of test.index)",
                    tx.rows() + " and " + ty.length);
        }
        if (y.length > ally.length) {
            throw DatasetFormatException.of(f[1], "at most " + ally.length + " training labels (rows of ally)", Integer.toString(y.length));
        }
        if (ally.length != allx.rows()) {
            throw DatasetFormatException.of(f[5], allx.rows() + " rows as in allx", Integer.toString(ally.length));
        }
        int maxTest = Arrays.stream(test).max().orElse(-1);
        for (int t : test) {
            if (t < allx.rows()) {
                throw DatasetFormatException.of(testIndex, "test ids >= |allx| = " + allx.rows(), Integer.toString(t));
            }
        }
        // ids between |allx| and the largest test id without a test row are PyG's isolated zero rows (15 in CiteSeer);
        // node arrays (labels, features, adjacency pointers: ~32 bytes a node) must fit the read budget
        int n = Math.max(allx.rows(), maxTest + 1);
        Budget.product(testIndex, "node arrays (~32 bytes a node) for the largest test id " + maxTest, 32, n);
        Map<?, ?> graph = graphDict(f[6]);
        int[][] edges = edges(f[6], graph, n);
        int[] src = edges[0];
        int[] dst = edges[1];
        int[] rowOf = new int[allx.rows() + tx.rows()];
        for (int i = 0; i < allx.rows(); i++) rowOf[i] = i;
        for (int i = 0; i < test.length; i++) rowOf[allx.rows() + i] = test[i];
        DMatrixSparseCSC feats = stack(n, nFeatures, allx, tx, rowOf);
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        System.arraycopy(ally, 0, labels, 0, ally.length);
        for (int i = 0; i < test.length; i++) labels[test[i]] = ty[i];
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        int nTrain = y.length;
        int[] sortedTest = test.clone();
        Arrays.sort(sortedTest);
        int[] train = java.util.stream.IntStream.range(0, nTrain).toArray();
        int[] val = java.util.stream.IntStream.range(nTrain, Math.min(nTrain + 500, n)).toArray();
        return Graph.builder(name).edges(n, src, dst, src.length, true, true).features(feats)
                .labels(labels, classes).publicSplit(new NodeSplit(train, val, sortedTest)).build();
    }

    private static Path require(Path dir, String name, String ext) {
        String file = "ind." + name + "." + ext;
        Path p = dir.resolve(file);
        if (!Files.isRegularFile(p)) {
            String hint = name.equals("pubmed") && ext.equals("allx")
                    ? "Without it PubMed cannot be assembled (only the test rows tx and 60 labelled rows x exist)" : "";
            throw new MissingDatasetFileException(p, URL + file, hint);
        }
        return p;
    }

    static CsrParts csr(Path file) {
        Object o = PickleReader.read(file);
        if (!(o instanceof CsrMatrix m)) throw DatasetFormatException.of(file, "a pickled csr_matrix", PickleValues.brief(o));
        Map<?, ?> s = m.state();
        if (!(s.get("_shape") instanceof Tuple shape) || shape.size() != 2 || !(shape.get(0) instanceof Long r)
                || !(shape.get(1) instanceof Long c) || r > Integer.MAX_VALUE - 1 || c > Integer.MAX_VALUE) {
            throw DatasetFormatException.of(file, "'_shape' = (rows, cols) below 2^31 in the csr_matrix state",
                    PickleValues.brief(s.get("_shape")) + " " + s.get("_shape"));
        }
        int[] indptr = array(file, s, "indptr").requireKind("iu").toIntArray();
        int[] indices = array(file, s, "indices").requireKind("iu").toIntArray();
        double[] data = array(file, s, "data").requireKind("fiub").toDoubleArray();
        return new CsrParts(file.toString(), (int) (long) r, (int) (long) c, indptr, indices, data);
    }

    private static NpyArray array(Path file, Map<?, ?> state, String key) {
        if (!(state.get(key) instanceof NdArray a)) {
            throw DatasetFormatException.of(file, "an ndarray '" + key + "' in the csr_matrix state", "keys "
                    + org.forwardlearn.core.io.ReadBudget.preview(String.valueOf(state.keySet())));
        }
        return a.toNpy(file + "!" + key).requireShape(-1);
    }

    /** A pickled one-hot int matrix (rows, classes) as class indices; an all-zero row gives -1. */
    static int[] oneHotLabels(Path file) {
        Object o = PickleReader.read(file);
        if (!(o instanceof NdArray a)) throw DatasetFormatException.of(file, "a pickled ndarray", PickleValues.brief(o));
        NpyArray m = a.toNpy(file.toString()).requireShape(-1, -1).requireKind("iub");
        int rows = (int) m.shape()[0];
        int cols = (int) m.shape()[1];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = -1;
            for (int j = 0; j < cols; j++) {
                if (m.getLong(i * cols + j) != 0) {
                    y[i] = j;
                    break;
                }
            }
        }
        return y;
    }

    private static Map<?, ?> graphDict(Path file) {
        Object o = PickleReader.read(file);
        if (!(o instanceof Map<?, ?> m)) throw DatasetFormatException.of(file, "a pickled defaultdict(list)", PickleValues.brief(o));
        return m;
    }

    /**
     * The (src, dst) lists of the graph dict; every id must be a node, [0, n). The edge count (neighbour lists
     * counted as often as they are referenced) is checked against the read budget before the arrays exist.
     */
    private static int[][] edges(Path file, Map<?, ?> graph, int n) {
        long m = 0;
        for (Map.Entry<?, ?> e : graph.entrySet()) {
            int u = nodeId(file, e.getKey(), n);
            if (!(e.getValue() instanceof List<?> nbrs)) {
                throw DatasetFormatException.of(file, "a list of neighbours for node " + u, PickleValues.brief(e.getValue()));
            }
            m += nbrs.size();
        }
        // src, dst and the graph built from them: ~32 bytes an edge
        Budget.product(file, "edge arrays (~32 bytes an edge) for the neighbour lists", 32, m);
        int[] src = new int[(int) m];
        int[] dst = new int[(int) m];
        int k = 0;
        for (Map.Entry<?, ?> e : graph.entrySet()) {
            int u = nodeId(file, e.getKey(), n);
            for (Object v : (List<?>) e.getValue()) {
                src[k] = u;
                dst[k++] = nodeId(file, v, n);
            }
        }
        return new int[][] {src, dst};
    }

    private static int nodeId(Path file, Object o, int n) {
        if (!(o instanceof Long v) || v < 0 || v >= n) {
            throw DatasetFormatException.of(file, "a node id in [0, " + n + ") (the rows of allx and the test ids)",
                    PickleValues.brief(o));
        }
        return (int) (long) v;
    }

    private static DMatrixSparseCSC stack(int n, int f, CsrParts a, CsrParts b, int[] rowOf) {
        int nnz = a.nnz() + b.nnz();
        org.ejml.data.DMatrixSparseTriplet t = new org.ejml.data.DMatrixSparseTriplet(n, f, nnz);
        for (CsrParts p : new CsrParts[] {a, b}) {
            int offset = p == a ? 0 : a.rows();
            for (int i = 0; i < p.rows(); i++) {
                for (int k = p.indptr()[i]; k < p.indptr()[i + 1]; k++) {
                    t.addItem(rowOf[offset + i], p.indices()[k], p.data()[k]);
                }
            }
        }
        return org.ejml.ops.DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
    }

    /** test.index: one decimal id per line (streamed through {@link TextLines}). */
    static int[] readIndex(Path file) {
        int[][] out = {new int[1024]};
        int[] w = {0};
        TextLines.forEach(file, (line, text) -> {
            String s = text.trim();
            if (s.isEmpty()) return;
            int id;
            try {
                id = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw DatasetFormatException.atLine(file, line, "a decimal node id", org.forwardlearn.core.io.ReadBudget.preview(s));
            }
            if (id < 0) throw DatasetFormatException.atLine(file, line, "a node id >= 0", s);
            if (w[0] == out[0].length) out[0] = Arrays.copyOf(out[0], 2 * w[0]);
            out[0][w[0]++] = id;
        });
        if (w[0] == 0) throw DatasetFormatException.of(file, "at least one test id", "an empty file");
        return Arrays.copyOf(out[0], w[0]);
    }
}
