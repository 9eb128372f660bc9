package org.forwardlearn.datasets.table;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;

/**
 * Writes a {@link TableGraph} in the CSV layout of {@link TableLayout}: {@code nodes.csv} ({@code id,label,split,f0..})
 * and {@code edges.csv} ({@code src,dst}, one line per stored directed entry, so a symmetrised graph lists both
 * directions and reads back the same with or without {@code directed}). Each file is written to a temporary sibling and
 * moved into place, so a failed write leaves nothing half-written.
 */
public final class TableCsv {
    public static final String NODES = "nodes.csv", EDGES = "edges.csv";

    private TableCsv() {}

    public static void write(TableGraph t, Path dir) {
        try {
            Files.createDirectories(dir);
            DMatrixRMaj x = t.graph().denseFeatures();
            int[] y = t.graph().labels();
            List<String> ids = t.ids();
            atomically(dir.resolve(NODES), w -> {
                w.write("id,label,split");
                for (int j = 0; j < x.numCols; j++) w.write(",f" + j);
                w.write('\n');
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < x.numRows; i++) {
                    sb.setLength(0);
                    sb.append(quote(ids.get(i))).append(',').append(y[i]).append(',').append(t.splitName(i));
                    for (int j = 0; j < x.numCols; j++) sb.append(',').append(number(x.data[i * x.numCols + j]));
                    w.write(sb.append('\n').toString());
                }
            });
            DMatrixSparseCSC a = t.graph().adjacency();
            atomically(dir.resolve(EDGES), w -> {
                w.write("src,dst\n");
                for (int j = 0; j < a.numCols; j++) {
                    for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                        w.write(quote(ids.get(a.nz_rows[k])) + "," + quote(ids.get(j)) + "\n");
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + dir, e);
        }
    }

    /** Integers without a decimal point, other values in Java's shortest round-trip form. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String quote(String s) {
        return s.contains(",") || s.contains("\"") || !s.equals(s.trim()) ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    interface Body { void write(BufferedWriter w) throws IOException; }

    /** Writes {@code file} through a temporary sibling and an atomic move (core's {@code AtomicFiles}). */
    public static void atomically(Path file, Body body) throws IOException {
        org.forwardlearn.core.io.AtomicFiles.replace(file, tmp -> {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) { body.write(w); }
        });
    }
}
