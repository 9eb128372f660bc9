package org.forwardlearn.datasets.io;

import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.ops.DConvertMatrixStruct;
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
 * (self-loops removed) and the source counts are in {@link Graph#edgeReport()}.
 */
public final class LinqsLoader {
    private LinqsLoader() {
    }

    public static Graph load(Path content, Path cites, String name) {
        List<String> lines = TextLines.read(content);
        Map<String, Integer> ids = new HashMap<>();
        List<String> names = new ArrayList<>();
        List<String> classOf = new ArrayList<>();
        int nFeatures = -1;
        int[] fr = new int[1 << 16];
        int[] fc = new int[1 << 16];
        int nnz = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            String[] p = line.split("\t");
            if (nFeatures < 0) nFeatures = p.length - 2;
            if (p.length != nFeatures + 2 || nFeatures < 1) {
                throw DatasetFormatException.atLine(content, i + 1, (nFeatures + 2) + " tab-separated fields",
                        Integer.toString(p.length));
            }
            if (ids.putIfAbsent(p[0], names.size()) != null) {
                throw DatasetFormatException.atLine(content, i + 1, "a unique paper id", "duplicate '" + p[0] + "'");
            }
            int row = names.size();
            names.add(p[0]);
            classOf.add(p[p.length - 1]);
            for (int j = 0; j < nFeatures; j++) {
                double v = TextLines.num(content, i + 1, p[j + 1]);
                if (v != 0) {
                    if (v != 1) throw DatasetFormatException.atLine(content, i + 1, "binary word indicators", p[j + 1]);
                    if (nnz == fr.length) {
                        fr = java.util.Arrays.copyOf(fr, 2 * nnz);
                        fc = java.util.Arrays.copyOf(fc, 2 * nnz);
                    }
                    fr[nnz] = row;
                    fc[nnz++] = j;
                }
            }
        }
        if (names.isEmpty()) throw DatasetFormatException.of(content, "at least one node line", "an empty file");
        int n = names.size();
        DMatrixSparseTriplet t = new DMatrixSparseTriplet(n, nFeatures, nnz);
        for (int k = 0; k < nnz; k++) t.addItem(fr[k], fc[k], 1.0);
        List<String> classes = new ArrayList<>(new TreeSet<>(classOf));
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = classes.indexOf(classOf.get(i));
        List<String> cl = TextLines.read(cites);
        int[] src = new int[cl.size()];
        int[] dst = new int[cl.size()];
        int m = 0;
        for (int i = 0; i < cl.size(); i++) {
            if (cl.get(i).isBlank()) continue;
            String[] p = cl.get(i).trim().split("\\s+");
            if (p.length != 2) throw DatasetFormatException.atLine(cites, i + 1, "2 ids (cited, citing)", cl.get(i));
            Integer cited = ids.get(p[0]);
            Integer citing = ids.get(p[1]);
            if (cited == null || citing == null) {
                throw DatasetFormatException.atLine(cites, i + 1, "ids present in " + content.getFileName(),
                        "unknown id '" + (cited == null ? p[0] : p[1]) + "'");
            }
            src[m] = citing;
            dst[m++] = cited;
        }
        DMatrixSparseCSC x = DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
        return Graph.builder(name).edges(n, src, dst, m, true, true).features(x).labels(labels, classes.size())
                .nodeNames(names).build();
    }
}
