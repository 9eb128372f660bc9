package org.forwardlearn.physical.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.datasets.download.Catalogue;
import org.forwardlearn.datasets.io.VowelData;
import org.forwardlearn.physical.Seeds;

/**
 * Hillenbrand et al. (1995) vowels as the PFF paper uses them, read by the datasets module
 * ({@link VowelData#womenPff()}: the women, the 7 vowels ae ah aw eh ih iy uw, 336 tokens, 12 formant features).
 *
 * <p>Documented differences from {@code Datasets.loadSamples("vowels-pff", dir)}, which is why the split is
 * made here from the datasets module's tokens rather than taken from its {@code SampleSet}:
 * <ul>
 *   <li>split: the PFF paper's 80/20 token split, stratified by vowel and seeded by the run seed (266 train /
 *       70 test); the datasets module's split is talker-disjoint (every 4th woman, 252 / 84);</li>
 *   <li>missing values: a zero ("not measurable") is imputed with the <em>training</em> mean of that feature;
 *       the datasets module imputes the mean of the token's own vowel, which uses the test tokens' labels;</li>
 *   <li>every feature is z-scored with training statistics.</li>
 * </ul>
 */
public final class Vowels {
    public static final List<String> VOWELS = VowelData.PFF_VOWELS;

    private Vowels() {}

    /** @param dataDir datasets directory, null = {@link Datasets#defaultDataDir()} */
    public static Dataset load(Path dataDir, long splitSeed) {
        Path dir = dataDir == null ? Datasets.defaultDataDir() : dataDir;
        Path file = Catalogue.require(dir, Catalogue.get("vowels-pff").files().get(0));
        List<VowelData.Token> tokens = VowelData.load(file).womenPff().tokens();
        List<double[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (VowelData.Token t : tokens) {
            xs.add(t.features());
            ys.add(VOWELS.indexOf(t.vowel()));
        }
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
        Collections.shuffle(train, new Random(rng.nextLong()));
        int d = VowelData.FEATURES.size();
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
