package org.forwardlearn.datasets.io;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.SampleSet;

import java.nio.file.Path;

/**
 * scikit-learn {@code digits.csv.gz}: no header, 64 pixel counts (0..16) and the class per row. Pixels are
 * scaled to [0, 1] (value / 16). Split: the first 75 % of the rows (1347) train, the rest (450) test, in file
 * order (deterministic; shuffle yourself for other protocols).
 */
public final class DigitsLoader {
    private DigitsLoader() {
    }

    public static SampleSet load(Path file, String name) {
        java.util.List<double[]> rowList = new java.util.ArrayList<>();
        int[][] yy = {new int[2048]};
        Budget.Tally tally = new Budget.Tally(file, "the rows of the file");
        TextLines.forEach(file, (line, text) -> {
            String s = text.trim();
            if (s.isEmpty()) return;
            String[] p = s.split(",", -1);
            if (p.length != 65) throw DatasetFormatException.atLine(file, line, "65 comma-separated values", Integer.toString(p.length));
            double[] r = new double[64];
            for (int j = 0; j < 64; j++) {
                r[j] = TextLines.num(file, line, p[j]);
                if (r[j] < 0 || r[j] > 16) throw DatasetFormatException.atLine(file, line, "pixel counts in 0..16", p[j]);
                r[j] /= 16.0;
            }
            double c = TextLines.num(file, line, p[64]);
            if (c != Math.rint(c) || c < 0 || c > 9) throw DatasetFormatException.atLine(file, line, "a class 0..9", p[64]);
            tally.add(600);
            int k = rowList.size();
            if (k == yy[0].length) yy[0] = java.util.Arrays.copyOf(yy[0], 2 * k);
            yy[0][k] = (int) c;
            rowList.add(r);
        });
        double[][] rows = rowList.toArray(new double[0][]);
        int[] y = yy[0];
        int n = rows.length;
        if (n < 2) throw DatasetFormatException.of(file, "at least 2 rows", Integer.toString(n));
        int nTrain = (int) Math.floor(0.75 * n);
        return SampleSet.own(name, matrix(rows, 0, nTrain), java.util.Arrays.copyOfRange(y, 0, nTrain),
                matrix(rows, nTrain, n), java.util.Arrays.copyOfRange(y, nTrain, n), 10);
    }

    static DMatrixRMaj matrix(double[][] rows, int from, int to) {
        int d = rows[from].length;
        DMatrixRMaj m = new DMatrixRMaj(to - from, d);
        for (int i = from; i < to; i++) System.arraycopy(rows[i], 0, m.data, (i - from) * d, d);
        return m;
    }
}
