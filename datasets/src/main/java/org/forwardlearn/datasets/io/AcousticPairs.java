package org.forwardlearn.datasets.io;

import org.forwardlearn.datasets.DatasetFormatException;

import java.nio.file.Path;

/**
 * Measured input/output pairs of a physical system (the PhyLL acoustic cavity: {@code x_data.csv} drives,
 * {@code y_data.csv} measured outputs; comma-separated, no header, one row per measurement).
 *
 * @param inputs inputs[N][20]
 * @param outputs outputs[N][20]
 */
public record AcousticPairs(double[][] inputs, double[][] outputs) {
    /** Columns of each file: 20 drive amplitudes in, 20 measured spectral amplitudes out. */
    public static final int COLUMNS = 20;

    public int size() {
        return inputs.length;
    }

    /**
     * Reads both CSV files; each must have exactly {@link #COLUMNS} columns on every row, and the row counts
     * must match.
     */
    public static AcousticPairs load(Path xFile, Path yFile) {
        double[][] x = csv(xFile, COLUMNS);
        double[][] y = csv(yFile, COLUMNS);
        if (x.length != y.length) {
            throw DatasetFormatException.of(yFile, x.length + " rows as in " + xFile.getFileName(), Integer.toString(y.length));
        }
        return new AcousticPairs(x, y);
    }

    /** Rows of a headerless comma-separated file, each with {@code columns} finite numbers (any count if -1). */
    static double[][] csv(Path file, int columns) {
        java.util.List<double[]> out = new java.util.ArrayList<>();
        int[] cols = {columns};
        Budget.Tally tally = new Budget.Tally(file, "the rows of the file");
        TextLines.forEach(file, (line, text) -> {
            String s = text.trim();
            if (s.isEmpty()) return;
            String[] p = s.split(",", -1);
            if (cols[0] < 0) cols[0] = p.length;
            if (p.length != cols[0]) throw DatasetFormatException.atLine(file, line, cols[0] + " columns", Integer.toString(p.length));
            double[] r = new double[cols[0]];
            for (int j = 0; j < r.length; j++) r[j] = TextLines.num(file, line, p[j].trim());
            tally.add(32L + 8L * r.length);
            out.add(r);
        });
        if (out.isEmpty()) throw DatasetFormatException.of(file, "at least one row", "an empty file");
        return out.toArray(new double[0][]);
    }
}
