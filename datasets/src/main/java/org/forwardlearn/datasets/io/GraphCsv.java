package org.forwardlearn.datasets.io;

import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The node-table / edge-list CSV layout used for user graphs and the Spark jobs:
 * {@code nodes.csv} with header {@code id,label,split,f0,...,f(F-1)} (label -1 = unknown; split is
 * {@code train}, {@code val}, {@code test} or empty) and {@code edges.csv} with header {@code src,dst}, one line
 * per stored directed adjacency entry (an undirected graph lists both directions). Ids are 0..N-1 in order.
 */
public final class GraphCsv {
    /** The nodes file name. */
    public static final String NODES = "nodes.csv";
    /** The edges file name. */
    public static final String EDGES = "edges.csv";

    private GraphCsv() {
    }

    /** Writes {@code g} (and an optional split) into {@code dir}/nodes.csv and edges.csv. */
    public static void write(Graph g, NodeSplit split, Path dir) {
        String[] splitOf = new String[g.numNodes()];
        Arrays.fill(splitOf, "");
        if (split != null) {
            for (int v : split.train()) splitOf[v] = "train";
            for (int v : split.val()) splitOf[v] = "val";
            for (int v : split.test()) splitOf[v] = "test";
        }
        DMatrixRMaj x = g.denseFeatures();
        int[] y = g.labels();
        try {
            Files.createDirectories(dir);
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(NODES), StandardCharsets.UTF_8)) {
                w.write("id,label,split");
                for (int j = 0; j < x.numCols; j++) w.write(",f" + j);
                w.write('\n');
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < g.numNodes(); i++) {
                    sb.setLength(0);
                    sb.append(i).append(',').append(y[i]).append(',').append(splitOf[i]);
                    for (int j = 0; j < x.numCols; j++) {
                        double v = x.data[i * x.numCols + j];
                        sb.append(',');
                        if (v == Math.rint(v) && Math.abs(v) < 1e15) sb.append((long) v); else sb.append(v);
                    }
                    w.write(sb.append('\n').toString());
                }
            }
            DMatrixSparseCSC a = g.adjacency();
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(EDGES), StandardCharsets.UTF_8)) {
                w.write("src,dst\n");
                for (int j = 0; j < a.numCols; j++) {
                    for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) w.write(a.nz_rows[k] + "," + j + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + dir, e);
        }
    }

    /** A graph read back from {@code dir}, with its split. */
    public record Loaded(Graph graph, NodeSplit split) {
    }

    /** Reads the layout written by {@link #write}; edges are kept as listed (no symmetrisation). */
    public static Loaded read(Path dir, String name) {
        Path nodes = dir.resolve(NODES);
        Path edges = dir.resolve(EDGES);
        List<String> nl = TextLines.read(nodes);
        if (nl.isEmpty() || !nl.get(0).startsWith("id,label,split")) {
            throw DatasetFormatException.atLine(nodes, 1, "header 'id,label,split,f0,...'", nl.isEmpty() ? "an empty file"
                    : org.forwardlearn.core.io.ReadBudget.preview(nl.get(0)));
        }
        int f = nl.get(0).split(",", -1).length - 3;
        int n = nl.size() - 1;
        Budget.product(nodes, "a feature matrix (8 bytes a value) of nodes x features", 8, n, Math.max(f, 0));
        DMatrixRMaj x = new DMatrixRMaj(n, f);
        int[] y = new int[n];
        int[] part = new int[n];
        int classes = 0;
        for (int i = 0; i < n; i++) {
            String[] p = nl.get(i + 1).split(",", -1);
            if (p.length != f + 3) throw DatasetFormatException.atLine(nodes, i + 2, (f + 3) + " fields", Integer.toString(p.length));
            if (!p[0].equals(Integer.toString(i))) {
                throw DatasetFormatException.atLine(nodes, i + 2, "id " + i, org.forwardlearn.core.io.ReadBudget.preview(p[0]));
            }
            double lab = TextLines.num(nodes, i + 2, p[1]);
            if (lab != Math.rint(lab) || lab < -1 || lab > 1e6) throw DatasetFormatException.atLine(nodes, i + 2, "an integer label in [-1, 1e6]", p[1]);
            y[i] = (int) lab;
            classes = Math.max(classes, y[i] + 1);
            part[i] = switch (p[2]) {
                case "train" -> 0;
                case "val" -> 1;
                case "test" -> 2;
                case "" -> 3;
                default -> throw DatasetFormatException.atLine(nodes, i + 2, "split train, val, test or empty",
                        org.forwardlearn.core.io.ReadBudget.preview(p[2]));
            };
            for (int j = 0; j < f; j++) x.data[i * f + j] = TextLines.num(nodes, i + 2, p[j + 3]);
        }
        List<String> el = TextLines.read(edges);
        if (el.isEmpty() || !el.get(0).equals("src,dst")) {
            throw DatasetFormatException.atLine(edges, 1, "header 'src,dst'", el.isEmpty() ? "an empty file"
                    : org.forwardlearn.core.io.ReadBudget.preview(el.get(0)));
        }
        int[] src = new int[el.size() - 1];
        int[] dst = new int[el.size() - 1];
        for (int k = 0; k < src.length; k++) {
            String[] p = el.get(k + 1).split(",", -1);
            if (p.length != 2) throw DatasetFormatException.atLine(edges, k + 2, "2 fields", Integer.toString(p.length));
            src[k] = id(edges, k + 2, p[0], n);
            dst[k] = id(edges, k + 2, p[1], n);
        }
        Graph g = Graph.builder(name).edges(n, src, dst, src.length, false, false).features(x).labels(y, classes).build();
        return new Loaded(g, new NodeSplit(select(part, 0), select(part, 1), select(part, 2)));
    }

    private static int id(Path file, int line, String s, int n) {
        double v = TextLines.num(file, line, s);
        if (v != Math.rint(v) || v < 0 || v >= n) {
            throw DatasetFormatException.atLine(file, line, "a node id in [0, " + n + ")", s);
        }
        return (int) v;
    }

    private static int[] select(int[] part, int which) {
        return java.util.stream.IntStream.range(0, part.length).filter(i -> part[i] == which).toArray();
    }
}
