package org.forwardlearn.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.spark.input.GraphConversion;

/**
 * CitationFull Cora_ML (2,995 nodes, 2,879 features, 7 classes) from the datasets loader, written once per test JVM
 * as the job's CSV input ({@code nodes.csv}: id,label,split,f0..f2878 with ForwardGNN's split 0 for seed 0;
 * {@code edges.csv}: src,dst) into a temporary folder that is deleted when the JVM exits (never a committed copy).
 */
final class CoraMlCsv {
    static final long SPLIT_SEED = 0;
    private static Path dir;
    private static Graph graph;

    private CoraMlCsv() {}

    static synchronized Graph graph() {
        if (graph == null) graph = Datasets.loadGraph("citationfull-cora_ml", SharedSpark.dataDir());
        return graph;
    }

    static NodeSplit split() { return NodeSplit.forwardGnn(graph().labels(), 0, SPLIT_SEED); }

    /** The folder holding nodes.csv and edges.csv. */
    static synchronized Path dir() {
        if (dir != null) return dir;
        try {
            Path d = Files.createTempDirectory("fl-cora_ml-csv");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(d)));
            Graph g = graph();
            String[] split = GraphConversion.splitNames(g.numNodes(), split());
            DMatrixRMaj x = g.denseFeatures();
            try (BufferedWriter w = Files.newBufferedWriter(d.resolve("nodes.csv"))) {
                StringBuilder h = new StringBuilder("id,label,split");
                for (int j = 0; j < x.numCols; j++) h.append(",f").append(j);
                w.write(h.append('\n').toString());
                int[] y = g.labels();
                for (int i = 0; i < g.numNodes(); i++) {
                    StringBuilder b = new StringBuilder().append(i).append(',').append(y[i]).append(',').append(split[i]);
                    for (int j = 0; j < x.numCols; j++) b.append(',').append(num(x.get(i, j)));
                    w.write(b.append('\n').toString());
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(d.resolve("edges.csv"))) {
                w.write("src,dst\n");
                DMatrixSparseCSC a = g.adjacency();
                for (int j = 0; j < a.numCols; j++) {
                    for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) w.write(a.nz_rows[k] + "," + j + "\n");
                }
            }
            dir = d;
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String num(double v) { return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v); }

    static void delete(Path d) {
        try (Stream<Path> s = Files.walk(d)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at JVM exit
        }
    }
}
