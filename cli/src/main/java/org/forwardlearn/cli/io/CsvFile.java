package org.forwardlearn.cli.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** A small CSV builder written atomically; values with commas, quotes or newlines are quoted. */
public final class CsvFile {
    private final StringBuilder sb = new StringBuilder();
    private final int columns;

    public CsvFile(String... header) {
        this.columns = header.length;
        row((Object[]) header);
    }

    public CsvFile(List<String> header) {
        this(header.toArray(new String[0]));
    }

    /** Appends a row; doubles are written in full precision, NaN as an empty cell. */
    public CsvFile row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("Expected " + columns + " CSV values (got " + values.length + ")");
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(cell(values[i]));
        }
        sb.append('\n');
        return this;
    }

    static String cell(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) return Double.isFinite(d) ? Double.toString(d) : "";
        if (v instanceof Float f) return Float.isFinite(f) ? Float.toString(f) : "";
        String s = v.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    public String text() { return sb.toString(); }

    public void write(Path file) throws IOException {
        Atomic.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
