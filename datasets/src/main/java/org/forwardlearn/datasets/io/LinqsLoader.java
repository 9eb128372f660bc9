package org.forwardlearn.datasets.io;

import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;
import org.forwardlearn.core.io.ReadBudget;
import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.graph.Graph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * LINQS plain text: {@code <name>.content} ({@code id \t features... \t class}) and {@code <name>.cites}
 * ({@code cited \t citing}; the edge is citing -> cited). Nodes are numbered in the order of the content
 * file; classes are numbered by sorted class name; features are stored sparse; the graph is symmetrised
 * (self-loops removed) and the source counts are in {@link Graph#edgeReport()}. Both files are streamed
 * ({@link TextLines}: a UTF-8 byte-order mark at the start is removed); an id of the cites file that the content
 * file does not list is reported on the cites file with the content file's id range, so a mangled content id
 * can be told from a bad citation.
 */
public final class LinqsLoader {
    private LinqsLoader() {
    }

    public static Graph load(Path content, Path cites, String name) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> names = new ArrayList<>();
        List<String> classOf = new ArrayList<>();
        int[] nFeatures = {-1};
        int[][] fr = {new int[1 << 16]};
        int[][] fc = {new int[1 << 16]};
        int[] nnz = {0};
        Budget.Tally tally = new Budget.Tally(content, "node ids, classes and feature entries");
        TextLines.forEach(content, (line, text) -> {
            if (text.isBlank()) return;
            String[] p = text.split("\t");
            if (nFeatures[0] < 0) nFeatures[0] = p.length - 2;
            if (p.length != nFeatures[0] + 2 || nFeatures[0] < 1) {
                throw DatasetFormatException.atLine(content, line, (Math.max(nFeatures[0], 1) + 2) + " tab-separated fields"
                        + " (id, word indicators, class)", Integer.toString(p.length));
            }
            if (ids.putIfAbsent(p[0], names.size()) != null) {
                throw DatasetFormatException.atLine(content, line, "a unique paper id", "duplicate " + ReadBudget.preview(p[0]));
            }
            int row = names.size();
            names.add(p[0]);
            classOf.add(p[p.length - 1]);
            tally.add(96L + p[0].length() + p[p.length - 1].length());
            for (int j = 0; j < nFeatures[0]; j++) {
                double v = TextLines.num(content, line, p[j + 1]);
                if (v != 0) {
                    if (v != 1) throw DatasetFormatException.atLine(content, line, "binary word indicators", ReadBudget.preview(p[j + 1]));
                    if (nnz[0] == fr[0].length) {
                        tally.add(8L * nnz[0]);
                        fr[0] = java.util.Arrays.copyOf(fr[0], 2 * nnz[0]);
                        fc[0] = java.util.Arrays.copyOf(fc[0], 2 * nnz[0]);
                    }
                    fr[0][nnz[0]] = row;
                    fc[0][nnz[0]++] = j;
                }
            }
        });
        if (names.isEmpty()) throw DatasetFormatException.of(content, "at least one node line", "an empty file");
        int n = names.size();
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(n, nFeatures[0], nnz[0]);
        for (int k = 0; k < nnz[0]; k++) t.addItem(fr[0][k], fc[0][k], 1.0);
        List<String> classes = new ArrayList<>(new TreeSet<>(classOf));
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) classIndex.put(classes.get(c), c);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = classIndex.get(classOf.get(i));
        int[][] src = {new int[1 << 12]};
        int[][] dst = {new int[1 << 12]};
        int[] m = {0};
        Budget.Tally edgeTally = new Budget.Tally(cites, "citation arrays");
        TextLines.forEach(cites, (line, text) -> {
            if (text.isBlank()) return;
            String[] p = text.trim().split("\\s+");
            if (p.length != 2) throw DatasetFormatException.atLine(cites, line, "2 ids (cited, citing)", ReadBudget.preview(text));
            Integer cited = ids.get(p[0]);
            Integer citing = ids.get(p[1]);
            if (cited == null || citing == null) {
                String unknown = cited == null ? p[0] : p[1];
                throw DatasetFormatException.atLine(cites, line, "ids present in " + content.getFileName() + " (its " + n
                        + " ids run from " + ReadBudget.preview(names.get(0)) + " to " + ReadBudget.preview(names.get(n - 1)) + ")",
                        "unknown id " + ReadBudget.preview(unknown));
            }
            if (m[0] == src[0].length) {
                edgeTally.add(8L * m[0]);
                src[0] = java.util.Arrays.copyOf(src[0], 2 * m[0]);
                dst[0] = java.util.Arrays.copyOf(dst[0], 2 * m[0]);
            }
            src[0][m[0]] = citing;
            dst[0][m[0]++] = cited;
        });
        DMatrixSparseCSC x = DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
        return Graph.builder(name).edges(n, src[0], dst[0], m[0], true, true).features(x).labels(labels, classes.size())
                .nodeNames(names).build();
    }
}
