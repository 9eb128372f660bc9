package org.forwardlearn.datasets.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the lines of a text file (gzip-compressed if the name ends in .gz); CR is stripped. */
final class TextLines {
    private TextLines() {
    }

    static List<String> read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1))) {
            List<String> lines = new ArrayList<>();
            for (String s = r.readLine(); s != null; s = r.readLine()) lines.add(s);
            return lines;
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw org.forwardlearn.datasets.DatasetFormatException.of(file, "a complete gzip stream", e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /** Parses a double, reporting file and line on failure. */
    static double num(Path file, int line, String s) {
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw org.forwardlearn.datasets.DatasetFormatException.atLine(file, line, "a finite number", "'" + s + "'");
        }
    }
}
