package org.forwardlearn.datasets.io;

import org.forwardlearn.datasets.DatasetFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the lines of a text file as ISO-8859-1 (gzip-compressed when it starts with the gzip magic, any number
 * of members), streaming: line terminators are LF, CR LF or CR. Through {@link Budget}: the file must be a
 * regular file within the cap, decompression is bounded, a line may hold at most {@link #MAX_LINE} characters,
 * and {@link #read} keeps the lines it returns within the cap.
 *
 * <p>A UTF-8 byte-order mark (EF BB BF) at the very start is <b>accepted and removed</b>: editors on Windows
 * add it, and left in place it would glue itself to the first field (a LINQS paper id that then no other file
 * knows, so the error would point at the wrong file).
 */
final class TextLines {
    /** Longest accepted line (characters). */
    static final int MAX_LINE = 1 << 24;

    /** Receives one line. */
    interface LineConsumer {
        /** @param line 1-based line number */
        void accept(int line, String text);
    }

    private TextLines() {
    }

    /** Streams the non-empty lines of {@code file} into {@code consumer} (line numbers count every line). */
    static void forEach(Path file, LineConsumer consumer) {
        forEach(file, consumer, false);
    }

    private static void forEach(Path file, LineConsumer consumer, boolean withEmpty) {
        try (InputStream in = Budget.open(file)) {
            byte[] chunk = new byte[1 << 16];
            byte[] buf = new byte[256];
            int n = 0;
            int lineNo = 0;
            boolean first = true;
            boolean afterCr = false;
            for (int got = in.read(chunk); got >= 0; got = in.read(chunk)) {
                for (int i = 0; i < got; i++) {
                    byte c = chunk[i];
                    if (afterCr) {
                        afterCr = false;
                        if (c == '\n') continue;
                    }
                    if (c == '\n' || c == '\r') {
                        lineNo++;
                        if (n > 0 || withEmpty) consumer.accept(lineNo, text(buf, n, first));
                        first = false;
                        n = 0;
                        afterCr = c == '\r';
                        continue;
                    }
                    if (n == buf.length) {
                        if (n >= MAX_LINE) {
                            throw DatasetFormatException.atLine(file, lineNo + 1, "lines of at most " + MAX_LINE
                                    + " characters", "a longer line");
                        }
                        buf = Arrays.copyOf(buf, Math.min(MAX_LINE, 2 * n));
                    }
                    buf[n++] = c;
                }
            }
            if (n > 0) consumer.accept(lineNo + 1, text(buf, n, first));
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw DatasetFormatException.of(file, "a complete gzip stream", String.valueOf(e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    private static String text(byte[] b, int n, boolean first) {
        if (n == 0) return "";
        int from = first && n >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
        return new String(b, from, n - from, StandardCharsets.ISO_8859_1);
    }

    /** All lines of {@code file} (their total size within the cap). */
    static List<String> read(Path file) {
        List<String> lines = new ArrayList<>();
        Budget.Tally tally = new Budget.Tally(file, "the lines of the file");
        forEach(file, (i, s) -> {
            tally.add(48L + s.length());
            lines.add(s);
        }, true);
        return lines;
    }

    /** Parses a double, reporting file and line on failure. */
    static double num(Path file, int line, String s) {
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw DatasetFormatException.atLine(file, line, "a finite number", org.forwardlearn.core.io.ReadBudget.preview(s));
        }
    }
}
