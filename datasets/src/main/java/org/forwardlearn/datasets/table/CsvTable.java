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
import org.forwardlearn.datasets.io.Budget;

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

    /** Longest accepted line (characters), as the other text readers. */
    static final int MAX_LINE = 1 << 24;

    /**
     * Reads the whole file (blank lines are skipped). Through the datasets read budget: a regular file within the
     * cap, gzip (by magic number) inflated within bounds, lines of at most {@link #MAX_LINE} characters, and the
     * rows held in memory counted against the cap, so a small or hostile file cannot exhaust the heap.
     */
    public static CsvTable read(Path path) {
        String file = path.toString();
        java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        if (!Files.exists(path)) throw DatasetFormatException.of(file, "an existing file", "no such file");
        Budget.Tally held = new Budget.Tally(file, "rows held in memory");
        try (BufferedReader r = new BufferedReader(new java.io.InputStreamReader(Budget.open(path), utf8), 1 << 16)) {
            String header = line(r, file, 1);
            long line = 1;
            if (header == null || header.isBlank()) throw DatasetFormatException.atLine(file, 1, "a header line", "an empty file");
            if (header.startsWith("\uFEFF")) header = header.substring(1);
            List<String> cols = Arrays.asList(split(header, file, 1));
            for (int i = 0; i < cols.size(); i++) {
                if (cols.get(i).isEmpty()) throw DatasetFormatException.atLine(file, 1, "a name for every column", "an empty name in column " + (i + 1));
            }
            List<String[]> rows = new ArrayList<>();
            List<Long> at = new ArrayList<>();
            for (String s = line(r, file, line + 1); s != null; s = line(r, file, line + 1)) {
                line++;
                if (s.isBlank()) continue;
                String[] f = split(s, file, line);
                if (f.length != cols.size()) {
                    throw DatasetFormatException.atLine(file, line, cols.size() + " fields as in the header", f.length + " fields");
                }
                // what this row costs on the heap: the array, a String per field (header ~40 bytes) and its characters
                held.add(32L + 8L * f.length + 40L * f.length + s.length());
                rows.add(f);
                at.add(line);
            }
            long[] lines = new long[at.size()];
            for (int i = 0; i < lines.length; i++) lines[i] = at.get(i);
            return new CsvTable(file, List.copyOf(cols), rows, lines);
        } catch (NoSuchFileException e) {
            throw DatasetFormatException.of(file, "an existing file", "no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw DatasetFormatException.of(file, "UTF-8 text", "bytes that are not UTF-8", e);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw DatasetFormatException.of(file, "a complete gzip stream", String.valueOf(e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /** The next line without its terminator (LF, CR LF or CR), or null at the end; refused past MAX_LINE characters. */
    private static String line(BufferedReader r, String file, long lineNo) throws IOException {
        StringBuilder b = null;
        int c;
        while ((c = r.read()) >= 0) {
            if (c == '\n') break;
            if (c == '\r') {
                r.mark(1);
                if (r.read() != '\n') r.reset();
                break;
            }
            if (b == null) b = new StringBuilder(128);
            if (b.length() >= MAX_LINE) {
                throw DatasetFormatException.atLine(file, lineNo, "lines of at most " + MAX_LINE + " characters", "a longer line");
            }
            b.append((char) c);
        }
        if (c < 0 && b == null) return null;
        return b == null ? "" : b.toString();
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
