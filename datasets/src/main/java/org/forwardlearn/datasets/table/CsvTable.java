package org.forwardlearn.datasets.table;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.forwardlearn.datasets.DatasetFormatException;

/**
 * A CSV file with a header line as a {@link TableSource}: comma-separated, UTF-8, fields optionally in double quotes
 * ({@code ""} inside quotes is a quote), surrounding spaces trimmed, empty field = missing. Every line must have as
 * many fields as the header ("Expected N fields (got M)" naming the line).
 */
public final class CsvTable implements TableSource {
    private final String file;
    private final List<String> columns;
    private final List<String[]> rows;
    private final long[] lines;

    private CsvTable(String file, List<String> columns, List<String[]> rows, long[] lines) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
        this.lines = lines;
    }

    /** Reads the whole file (blank lines are skipped). */
    public static CsvTable read(Path path) {
        String file = path.toString();
        try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            long line = 1;
            if (header == null || header.isBlank()) throw DatasetFormatException.atLine(file, 1, "a header line", "an empty file");
            if (header.startsWith("\uFEFF")) header = header.substring(1);
            List<String> cols = Arrays.asList(split(header, file, 1));
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).isEmpty()) throw DatasetFormatException.atLine(file, 1, "a name for every column", "an empty name in column " + (i + 1));
            }
            List<String[]> rows = new ArrayList<>();
            List<Long> at = new ArrayList<>();
            for (String s = r.readLine(); s != null; s = r.readLine()) {
                line++;
                if (s.isBlank()) continue;
                String[] f = split(s, file, line);
                if (f.length != cols.size()) {
                    throw DatasetFormatException.atLine(file, line, cols.size() + " fields as in the header", f.length + " fields");
                }
                rows.add(f);
                at.add(line);
            }
            long[] lines = new long[at.size()];
            for (int i = 0; i < lines.length; i++) lines[i] = at.get(i);
            return new CsvTable(file, List.copyOf(cols), rows, lines);
        } catch (NoSuchFileException e) {
            throw DatasetFormatException.of(file, "an existing file", "no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw DatasetFormatException.of(file, "UTF-8 text", "bytes that are not UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    static String[] split(String s, String file, long line) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') { b.append('"'); i++; } else quoted = false;
                } else {
                    b.append(c);
                }
            } else if (c == '"' && b.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                b.setLength(0);
            } else if (c == ',') {
                out.add(wasQuoted ? b.toString() : b.toString().trim());
                b.setLength(0);
                wasQuoted = false;
            } else {
                b.append(c);
            }
        }
        if (quoted) throw DatasetFormatException.atLine(file, line, "a closing double quote", "the end of the line");
        out.add(wasQuoted ? b.toString() : b.toString().trim());
        return out.toArray(new String[0]);
    }

    @Override public String file() { return file; }

    @Override public String positionKind() { return "line"; }

    @Override public List<String> columns() { return columns; }

    @Override public Type type(int column) { return Type.TEXT; }

    @Override public int rows() { return rows.size(); }

    @Override public long position(int row) { return lines[row]; }

    @Override
    public Object cell(int row, int column) {
        String v = rows.get(row)[column];
        return v.isEmpty() ? null : v;
    }
}
