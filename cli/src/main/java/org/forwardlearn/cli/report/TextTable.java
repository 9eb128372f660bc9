package org.forwardlearn.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.forwardlearn.cli.progress.Format;

/** A Markdown-style text table (pastes into a README); numbers right-aligned. */
public final class TextTable {
    private final List<String> header;
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] numeric;

    public TextTable(String... header) {
        this.header = List.of(header);
        this.numeric = new boolean[header.length];
        Arrays.fill(numeric, true);
    }

    public TextTable row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("Expected " + header.size() + " table cells (got " + values.length + ")");
        }
        String[] r = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            r[i] = Format.cell(values[i]);
            if (!(values[i] instanceof Number) && values[i] != null) numeric[i] = false;
        }
        rows.add(r);
        return this;
    }

    public int size() { return rows.size(); }

    /** Two-column table of a result map (nested maps and lists are skipped). */
    public static TextTable of(Map<String, ?> values) {
        TextTable t = new TextTable("result", "value");
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> || v instanceof List<?> || v instanceof double[] || v instanceof int[]) continue;
            t.row(e.getKey(), v);
        }
        return t;
    }

    public String render() {
        int n = header.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) w[i] = Math.max(3, header.get(i).length());
        for (String[] r : rows) for (int i = 0; i < n; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        line(sb, header.toArray(new String[0]), w, new boolean[n]);
        sb.append('|');
        for (int i = 0; i < n; i++) sb.append(numeric[i] && !rows.isEmpty() ? "-".repeat(w[i] + 1) + ":|" : "-".repeat(w[i] + 2) + "|");
        sb.append('\n');
        for (String[] r : rows) line(sb, r, w, numeric);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] w, boolean[] right) {
        sb.append('|');
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            String pad = " ".repeat(w[i] - c.length());
            sb.append(' ').append(right[i] ? pad + c : c + pad).append(" |");
        }
        sb.append('\n');
    }
}
