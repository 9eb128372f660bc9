package org.forwardlearn.physical.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.datasets.download.Catalogue;
import org.forwardlearn.datasets.io.VowelData;
import org.forwardlearn.datasets.io.VowelWorkbook;
import org.forwardlearn.core.random.Seeds;

/**
 * The vowel task of the PFF paper, and the earlier Hillenbrand-based protocols.
 *
 * <p><b>Default, {@link Protocol#PAPER} ({@code paper})</b>: the paper's own file ({@code phyll-vowels}, read by
 * {@link VowelWorkbook}: 258 tokens of women, 7 vowels ae ah aw <b>er</b> ih iy uw, 37 tokens each, uw 36, 12
 * formants, no missing values), a random 80/20 token split drawn by the run seed (206 train / 52 test),
 * <b>not stratified</b>, as the authors' script ({@code torch.randperm} over all tokens, the first
 * {@code int(0.8 n)} train), and every feature z-scored with <em>training</em> statistics only (the script
 * z-scores over all 258 tokens; we do not let the test tokens set the scale).
 *
 * <p>The Hillenbrand protocols ({@code SPLIT/NORMALISE}) read {@code vowdata.dat} through {@link VowelData#womenPff()}:
 * the women, the 7 vowels ae ah aw eh ih iy uw (eh, not er: the vowel set of an earlier issue), 336 tokens from 48
 * talkers, each talker one token per vowel, 12 formant features.
 * <ul>
 *   <li>split {@code token}: tokens stratified by vowel and seeded by the run seed (266 train / 70 test); a talker's
 *       tokens fall on both sides. Split {@code talker}: 20 % of the talkers (10 of 48, their 70 tokens) are test,
 *       drawn by the run seed; no test talker is seen in training (266 / 70, every vowel 38 / 10).</li>
 *   <li>normalise {@code global}: every feature z-scored with training statistics. Normalise {@code talker}:
 *       each talker's features are first z-scored over that talker's own tokens (Lobanov 1971 speaker normalisation,
 *       the standard of vowel studies; it removes vocal-tract length, which moves all of a talker's formants together),
 *       then z-scored with training statistics. A talker's statistics use that talker's formants only, never a label;
 *       with the talker split, each test talker is normalised by its own 7 tokens, i.e. the deployment where a new
 *       talker reads the vowel set once to calibrate.</li>
 * </ul>
 * In both, a zero ("not measurable") is imputed with the <em>training</em> mean of that feature.
 *
 * <p>Documented differences from {@code Datasets.loadSamples("vowels-pff", dir)}: its split is talker-disjoint by a
 * fixed rule (every 4th woman, 252 / 84, not 80/20) and it imputes a zero with the mean of the token's own vowel,
 * which uses the test tokens' labels.
 */
public final class Vowels {
    /** The classes of the default (paper) protocol. */
    public static final List<String> VOWELS = VowelWorkbook.VOWELS;
    /** The classes of the Hillenbrand protocols (eh instead of er). */
    public static final List<String> HILLENBRAND_VOWELS = VowelData.PFF_VOWELS;

    /**
     * How the vowels are split and normalised.
     *
     * @param split     paper (the paper's workbook, random token split) | token | talker (Hillenbrand; see the class comment)
     * @param normalise global | talker (see the class comment; paper: global only)
     */
    public record Protocol(String split, String normalise) {
        /** The PFF paper's task (the default): its 258-token workbook, random unstratified 80/20 token split, global z-score. */
        public static final Protocol PAPER = new Protocol("paper", "global");
        /** The 80/20 token split, global z-scoring (the protocol of the first tables). */
        public static final Protocol TOKEN_GLOBAL = new Protocol("token", "global");
        /** Talker-disjoint 80/20 split with per-talker (Lobanov) z-scoring. */
        public static final Protocol TALKER = new Protocol("talker", "talker");

        public Protocol {
            if (!List.of("paper", "token", "talker").contains(split)) {
                throw new IllegalArgumentException("Expected vowel protocol paper or SPLIT/NORMALISE with split token|talker (got '" + split + "')");
            }
            if (split.equals("paper") && !normalise.equals("global")) {
                throw new IllegalArgumentException("Expected the paper protocol with global z-scoring (got '" + normalise + "')");
            }
            if (!List.of("global", "talker").contains(normalise)) {
                throw new IllegalArgumentException("Expected vowel normalisation global|talker (got '" + normalise + "')");
            }
        }

        /** Parses "paper" or "SPLIT/NORMALISE", e.g. "talker/talker" or "token/global". */
        public static Protocol parse(String s) {
            if (s.equals("paper") || s.equals("paper/global")) return PAPER;
            String[] p = s.split("/", -1);
            if (p.length != 2) throw new IllegalArgumentException("Expected vowel protocol paper or SPLIT/NORMALISE, e.g. talker/talker (got '" + s + "')");
            return new Protocol(p[0], p[1]);
        }

        @Override
        public String toString() { return split.equals("paper") ? "paper" : split + "/" + normalise; }

        /** The class names of this protocol's data. */
        public List<String> classes() { return split.equals("paper") ? VOWELS : HILLENBRAND_VOWELS; }
    }

    private Vowels() {}

    /** @param dataDir datasets directory, null = {@link Datasets#defaultDataDir()} */
    public static Dataset load(Path dataDir, long splitSeed, Protocol protocol) {
        Path dir = dataDir == null ? Datasets.defaultDataDir() : dataDir;
        if (protocol.split().equals("paper")) return paper(dir, splitSeed);
        Path file = Catalogue.require(dir, Catalogue.get("vowels-pff").files().get(0));
        List<VowelData.Token> tokens = VowelData.load(file).womenPff().tokens();
        List<double[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        List<String> talkerOf = new ArrayList<>();
        for (VowelData.Token t : tokens) {
            xs.add(t.features());
            ys.add(HILLENBRAND_VOWELS.indexOf(t.vowel()));
            talkerOf.add(t.file().substring(0, 3));
        }
        Split sp = split(ys, talkerOf, splitSeed, protocol.split());
        List<Integer> train = sp.train(), test = sp.test();
        int d = VowelData.FEATURES.size();
        double[] mean = new double[d], sd = new double[d];
        int[] cnt = new int[d];
        for (int i : train) for (int j = 0; j < d; j++) if (xs.get(i)[j] != 0) { mean[j] += xs.get(i)[j]; cnt[j]++; }
        for (int j = 0; j < d; j++) mean[j] /= Math.max(1, cnt[j]);
        for (double[] x : xs) for (int j = 0; j < d; j++) if (x[j] == 0) x[j] = mean[j];
        if (protocol.normalise().equals("talker")) perTalkerZscore(xs, talkerOf, d);
        for (int j = 0; j < d; j++) mean[j] = 0;
        for (int i : train) for (int j = 0; j < d; j++) mean[j] += xs.get(i)[j] / train.size();
        for (int i : train) for (int j = 0; j < d; j++) sd[j] += Math.pow(xs.get(i)[j] - mean[j], 2) / train.size();
        for (int j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) + 1e-12;
        return new Dataset("vowels", rows(xs, train, mean, sd), labels(ys, train), rows(xs, test, mean, sd), labels(ys, test), HILLENBRAND_VOWELS.size());
    }

    /** The paper protocol: workbook tokens, {@link #randomSplit}, z-score with training statistics. */
    static Dataset paper(Path dir, long splitSeed) {
        List<VowelWorkbook.Token> tokens = Datasets.loadVowelWorkbook(dir).tokens();
        List<double[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (VowelWorkbook.Token t : tokens) { xs.add(t.features()); ys.add(t.label()); }
        Split sp = randomSplit(tokens.size(), splitSeed);
        int d = VowelWorkbook.FEATURES.size();
        double[] mean = new double[d], sd = new double[d];
        List<Integer> train = sp.train();
        for (int i : train) for (int j = 0; j < d; j++) mean[j] += xs.get(i)[j] / train.size();
        for (int i : train) for (int j = 0; j < d; j++) sd[j] += Math.pow(xs.get(i)[j] - mean[j], 2) / train.size();
        for (int j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) + 1e-12;
        return new Dataset("vowels", rows(xs, train, mean, sd), labels(ys, train), rows(xs, sp.test(), mean, sd), labels(ys, sp.test()),
                VOWELS.size());
    }

    /**
     * The paper's split: a seeded random permutation of all n tokens, the first {@code (int) (0.8 n)} train (in
     * permutation order), the rest test; not stratified by vowel (as the authors' {@code torch.randperm} split).
     */
    static Split randomSplit(int n, long splitSeed) {
        int[] perm = org.forwardlearn.physical.pff.Permutations.of(n, Seeds.stream(splitSeed, 0x564F57L, 0x50L));
        int nTrain = (int) (0.8 * n);
        List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
        for (int i = 0; i < n; i++) (i < nTrain ? train : test).add(perm[i]);
        return new Split(train, test);
    }

    /** Token indices of the training (shuffled) and test sides. */
    record Split(List<Integer> train, List<Integer> test) {}

    /** The 80/20 split of {@link Protocol#split()} kind "token" (stratified by class) or "talker" (talker-disjoint). */
    static Split split(List<Integer> ys, List<String> talkerOf, long splitSeed, String kind) {
        SplittableRandom rng = Seeds.stream(splitSeed, 0x564F57L);
        List<Integer> train = new ArrayList<>(), test = new ArrayList<>();
        if (kind.equals("token")) {
            int classes = ys.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
            for (int c = 0; c < classes; c++) {
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < ys.size(); i++) if (ys.get(i) == c) idx.add(i);
                shuffle(idx, rng);
                int nTest = (int) Math.round(idx.size() * 0.2);
                test.addAll(idx.subList(0, nTest));
                train.addAll(idx.subList(nTest, idx.size()));
            }
        } else {
            List<String> talkers = new ArrayList<>(new TreeSet<>(talkerOf));
            shuffle(talkers, rng);
            Set<String> testTalkers = new HashSet<>(talkers.subList(0, (int) Math.round(talkers.size() * 0.2)));
            for (int i = 0; i < ys.size(); i++) (testTalkers.contains(talkerOf.get(i)) ? test : train).add(i);
        }
        Collections.shuffle(train, new Random(rng.nextLong()));
        return new Split(train, test);
    }

    /** Lobanov normalisation in place: each feature minus the talker's mean, divided by the talker's sd. */
    static void perTalkerZscore(List<double[]> xs, List<String> talkerOf, int d) {
        Map<String, List<Integer>> byTalker = new LinkedHashMap<>();
        for (int i = 0; i < xs.size(); i++) byTalker.computeIfAbsent(talkerOf.get(i), k -> new ArrayList<>()).add(i);
        for (var e : byTalker.entrySet()) {
            List<Integer> idx = e.getValue();
            if (idx.size() < 2) {
                throw new IllegalArgumentException("Expected at least 2 tokens per talker for talker normalisation (got "
                        + idx.size() + " for " + e.getKey() + ")");
            }
            for (int j = 0; j < d; j++) {
                double m = 0, v = 0;
                for (int i : idx) m += xs.get(i)[j] / idx.size();
                for (int i : idx) v += Math.pow(xs.get(i)[j] - m, 2) / idx.size();
                double s = Math.sqrt(v);
                if (!(s > 1e-9)) {
                    throw new IllegalArgumentException("Expected talker " + e.getKey() + "'s feature " + VowelData.FEATURES.get(j)
                            + " to vary across its tokens (got one value, " + m + ")");
                }
                for (int i : idx) xs.get(i)[j] = (xs.get(i)[j] - m) / s;
            }
        }
    }

    private static <T> void shuffle(List<T> idx, SplittableRandom rng) {
        for (int i = idx.size() - 1; i > 0; i--) { int j = rng.nextInt(i + 1); T tmp = idx.get(i); idx.set(i, idx.get(j)); idx.set(j, tmp); }
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
