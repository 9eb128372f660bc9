package org.forwardlearn.physical.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.forwardlearn.physical.Seeds;

/**
 * Hillenbrand et al. (1995) vowels as the PFF paper uses them: the women speakers ("w" files), the 7 vowels
 * ae, ah, aw, eh, ih, iy, uw (336 tokens), 12 formant features: F1, F2, F3 at steady state and at 20 %, 50 %
 * and 80 % of the vowel duration (columns 4-6 and 8-16 of vowdata.dat). A stratified 80/20 split (per vowel,
 * shuffled with the split seed). Zeros mean "not measurable": they are imputed with the training mean of that
 * feature (computed over non-zero training values), then every feature is z-scored with training statistics.
 */
public final class Vowels {
    public static final List<String> VOWELS = List.of("ae", "ah", "aw", "eh", "ih", "iy", "uw");
    private static final int[] COLUMNS = {3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15}; // indices in a split line (0 = filename)

    private Vowels() {}

    public static Dataset load(Path dataDir, long splitSeed) {
        Path f = DataDirs.folder(dataDir, "hillenbrand-vowels").resolve("vowdata.dat");
        List<double[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
                String t = line.strip();
                if (!t.matches("^[mwbg][0-9]{2}[a-z]{2}\\s.*")) continue;
                String[] p = t.split("\\s+");
                if (p[0].charAt(0) != 'w') continue;
                int cls = VOWELS.indexOf(p[0].substring(3, 5));
                if (cls < 0) continue;
                if (p.length < 16) throw new IllegalArgumentException("Expected 16 columns in " + f + " (got " + p.length + ": " + t + ")");
                double[] x = new double[COLUMNS.length];
                for (int i = 0; i < COLUMNS.length; i++) x[i] = Double.parseDouble(p[COLUMNS[i]]);
                xs.add(x);
                ys.add(cls);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Expected a readable " + f + " (got " + e + ")", e);
        }
        // stratified split
        SplittableRandom rng = Seeds.stream(splitSeed, 0x564F57L);
        List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
        for (int c = 0; c < VOWELS.size(); c++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < ys.size(); i++) if (ys.get(i) == c) idx.add(i);
            for (int i = idx.size() - 1; i > 0; i--) { int j = rng.nextInt(i + 1); int tmp = idx.get(i); idx.set(i, idx.get(j)); idx.set(j, tmp); }
            int nTest = (int) Math.round(idx.size() * 0.2);
            test.addAll(idx.subList(0, nTest));
            train.addAll(idx.subList(nTest, idx.size()));
        }
        java.util.Collections.shuffle(train, new java.util.Random(rng.nextLong()));
        int d = COLUMNS.length;
        double[] mean = new double[d], sd = new double[d];
        int[] cnt = new int[d];
        for (int i : train) for (int j = 0; j < d; j++) if (xs.get(i)[j] != 0) { mean[j] += xs.get(i)[j]; cnt[j]++; }
        for (int j = 0; j < d; j++) mean[j] /= Math.max(1, cnt[j]);
        for (double[] x : xs) for (int j = 0; j < d; j++) if (x[j] == 0) x[j] = mean[j];
        for (int j = 0; j < d; j++) mean[j] = 0;
        for (int i : train) for (int j = 0; j < d; j++) mean[j] += xs.get(i)[j] / train.size();
        for (int i : train) for (int j = 0; j < d; j++) sd[j] += Math.pow(xs.get(i)[j] - mean[j], 2) / train.size();
        for (int j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) + 1e-12;
        return new Dataset("vowels", rows(xs, train, mean, sd), labels(ys, train), rows(xs, test, mean, sd), labels(ys, test), VOWELS.size());
    }

    private static double[][] rows(List<double[]> xs, List<Integer> idx, double[] mean, double[] sd) {
        double[][] out = new double[idx.size()][];
        for (int i = 0; i < out.length; i++) {
            double[] x = xs.get(idx.get(i)).clone();
            for (int j = 0; j < x.length; j++) x[j] = (x[j] - mean[j]) / sd[j];
            out[i] = x;
        }
        return out;
    }

    private static int[] labels(List<Integer> ys, List<Integer> idx) {
        int[] out = new int[idx.size()];
        for (int i = 0; i < out.length; i++) out[i] = ys.get(idx.get(i));
        return out;
    }
}
