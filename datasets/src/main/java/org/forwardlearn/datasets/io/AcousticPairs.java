package org.forwardlearn.datasets.io;

import org.forwardlearn.datasets.DatasetFormatException;

import java.nio.file.Path;
import java.util.List;

/**
 * Measured input/output pairs of a physical system (the PhyLL acoustic cavity: {@code x_data.csv} drives,
 * {@code y_data.csv} measured outputs; comma-separated, no header, one row per measurement).
 *
 * @param inputs inputs[N][20]
 * @param outputs outputs[N][20]
 */
public record AcousticPairs(double[][] inputs, double[][] outputs) {

    public int size() {
        return inputs.length;
    }

    /** Reads both CSV files; rows must match in count and each file must have a constant column count. */
    public static AcousticPairs load(Path xFile, Path yFile) {
        double[][] x = csv(xFile);
        double[][] y = csv(yFile);
        if (x.length != y.length) {
            throw DatasetFormatException.of(yFile, x.length + " rows as in " + xFile.getFileName(), Integer.toString(y.length));
        }
        return new AcousticPairs(x, y);
    }

    static double[][] csv(Path file) {
        List<String> lines = TextLines.read(file);
        double[][] out = new double[lines.size()][];
        int n = 0;
        int cols = -1;
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).trim();
            if (s.isEmpty()) continue;
            String[] p = s.split(",");
            if (cols < 0) cols = p.length;
            if (p.length != cols) throw DatasetFormatException.atLine(file, i + 1, cols + " columns", Integer.toString(p.length));
            double[] r = new double[cols];
            for (int j = 0; j < cols; j++) r[j] = TextLines.num(file, i + 1, p[j]);
            out[n++] = r;
        }
        if (n == 0) throw DatasetFormatException.of(file, "at least one row", "an empty file");
        return java.util.Arrays.copyOf(out, n);
    }
}
