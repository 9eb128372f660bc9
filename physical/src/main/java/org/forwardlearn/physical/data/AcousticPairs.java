package org.forwardlearn.physical.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The 10,001 measured input/output pairs of the PFF authors' acoustic cavity (phyll-acoustic/x_data.csv and
 * y_data.csv; 20 tone amplitudes in, 20 spectral amplitudes out; row 0 is the silent reference).
 *
 * @param x inputs, rows x 20
 * @param y measured outputs, rows x 20
 */
public record AcousticPairs(double[][] x, double[][] y) {
    public static AcousticPairs load(Path dataDir) {
        Path d = DataDirs.folder(dataDir, "phyll-acoustic");
        double[][] x = csv(d.resolve("x_data.csv"));
        double[][] y = csv(d.resolve("y_data.csv"));
        if (x.length != y.length) throw new IllegalArgumentException("Expected as many output rows as input rows (got " + y.length + " vs " + x.length + ")");
        return new AcousticPairs(x, y);
    }

    static double[][] csv(Path p) {
        try {
            List<String> lines = Files.readAllLines(p);
            return lines.stream().filter(l -> !l.isBlank()).map(l -> {
                String[] f = l.split(",");
                double[] r = new double[f.length];
                for (int i = 0; i < f.length; i++) r[i] = Double.parseDouble(f[i].strip());
                return r;
            }).toArray(double[][]::new);
        } catch (IOException e) {
            throw new IllegalArgumentException("Expected a readable CSV " + p + " (got " + e + ")", e);
        }
    }
}
