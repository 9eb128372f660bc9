package org.forwardlearn.physical.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The vowel protocols: the paper's random token split of its workbook; talker-disjoint and stratified 80/20 splits, per-talker (Lobanov) and global z-scoring. */
class VowelsTest {
    private static Path data() {
        String s = System.getProperty("forwardlearn.data", System.getenv("FORWARDLEARN_DATA"));
        Assumptions.assumeTrue(s != null && Files.isDirectory(Path.of(s, "hillenbrand-vowels"))
                && Files.isDirectory(Path.of(s, "phyll-vowels")), "no vowels data");
        return Path.of(s);
    }

    /** 48 talkers x 7 vowels, in talker order, as the women's data is laid out. */
    private static List<String> talkers(int nTalkers, int perTalker) {
        List<String> t = new ArrayList<>();
        for (int k = 0; k < nTalkers; k++) for (int v = 0; v < perTalker; v++) t.add(String.format("w%02d", k));
        return t;
    }

    private static List<Integer> labels(int nTalkers, int perTalker) {
        List<Integer> y = new ArrayList<>();
        for (int k = 0; k < nTalkers; k++) for (int v = 0; v < perTalker; v++) y.add(v);
        return y;
    }

    @Test
    void paperSplitIsATokenLevelSeededUnstratifiedEightyTwenty() {
        int n = 258;
        Vowels.Split a = Vowels.randomSplit(n, 0);
        assertEquals(206, a.train().size());                              // int(0.8 * 258), as the authors' script
        assertEquals(52, a.test().size());
        Set<Integer> all = new HashSet<>(a.train());
        all.addAll(a.test());
        assertEquals(n, all.size(), "every token once");
        assertEquals(a, Vowels.randomSplit(n, 0), "the seed fixes the split");
        assertNotEquals(a.test(), Vowels.randomSplit(n, 1).test(), "another seed, another split");
        // not stratified: the test count of a vowel varies across seeds (stratified would give 7 or 8 every time)
        Set<Integer> perClassCounts = new HashSet<>();
        for (long seed = 0; seed < 10; seed++) {
            int[] c = new int[7];
            for (int i : Vowels.randomSplit(n, seed).test()) c[Math.min(6, i / 37)]++;
            for (int v : c) perClassCounts.add(v);
        }
        assertTrue(perClassCounts.size() > 3, "test tokens per vowel over 10 seeds: " + perClassCounts);
    }

    @Test
    void realDataPaperProtocolSizesTokenSplitAndTrainingStatistics() {
        Dataset d = Vowels.load(data(), 0, Vowels.Protocol.PAPER);
        assertEquals(206, d.xTrain().length);
        assertEquals(52, d.xTest().length);
        assertEquals(12, d.features());
        assertEquals(7, d.classes());
        int[] perClass = new int[7];
        for (int y : d.yTrain()) perClass[y]++;
        for (int y : d.yTest()) perClass[y]++;
        assertArrayEquals(new int[] {37, 37, 37, 37, 37, 37, 36}, perClass);
        assertEquals(List.of("ae", "ah", "aw", "er", "ih", "iy", "uw"), Vowels.Protocol.PAPER.classes());
        double testMean = 0;
        for (int j = 0; j < 12; j++) {
            double m = 0, v = 0;
            for (double[] x : d.xTrain()) m += x[j] / d.xTrain().length;
            for (double[] x : d.xTrain()) v += Math.pow(x[j] - m, 2) / d.xTrain().length;
            assertEquals(0, m, 1e-9);
            assertEquals(1, Math.sqrt(v), 1e-6);
            for (double[] x : d.xTest()) testMean += x[j] / (12.0 * d.xTest().length);
        }
        assertNotEquals(0, testMean, 1e-6, "the test tokens are scaled with training statistics, not their own");
        assertEquals("paper", Vowels.Protocol.parse("paper").toString());
        assertThrows(IllegalArgumentException.class, () -> new Vowels.Protocol("paper", "talker"));
        assertFalse(java.util.Arrays.deepEquals(d.xTest(), Vowels.load(data(), 1, Vowels.Protocol.PAPER).xTest()));
    }

    @Test
    void talkerSplitIsTalkerDisjointAndEightyTwenty() {
        List<String> talkerOf = talkers(48, 7);
        for (long seed = 0; seed < 5; seed++) {
            Vowels.Split s = Vowels.split(labels(48, 7), talkerOf, seed, "talker");
            assertEquals(266, s.train().size());
            assertEquals(70, s.test().size());
            Set<String> trainTalkers = new HashSet<>(), testTalkers = new HashSet<>();
            for (int i : s.train()) trainTalkers.add(talkerOf.get(i));
            for (int i : s.test()) testTalkers.add(talkerOf.get(i));
            assertEquals(38, trainTalkers.size());
            assertEquals(10, testTalkers.size());
            trainTalkers.retainAll(testTalkers);
            assertTrue(trainTalkers.isEmpty(), "talkers on both sides: " + trainTalkers);
        }
        assertNotEquals(Vowels.split(labels(48, 7), talkerOf, 0, "talker").test(),
                Vowels.split(labels(48, 7), talkerOf, 1, "talker").test(), "the seed draws the test talkers");
    }

    @Test
    void tokenSplitIsStratifiedAndMixesTalkers() {
        List<String> talkerOf = talkers(48, 7);
        Vowels.Split s = Vowels.split(labels(48, 7), talkerOf, 3, "token");
        int[] perClass = new int[7];
        for (int i : s.test()) perClass[labels(48, 7).get(i)]++;
        for (int c : perClass) assertEquals(10, c);                       // round(48 * 0.2)
        Set<String> shared = new HashSet<>();
        for (int i : s.train()) shared.add(talkerOf.get(i));
        Set<String> test = new HashSet<>();
        for (int i : s.test()) test.add(talkerOf.get(i));
        shared.retainAll(test);
        assertFalse(shared.isEmpty(), "a token split puts some talkers on both sides");
    }

    @Test
    void perTalkerZscoreGivesEachTalkerZeroMeanUnitSd() {
        List<double[]> xs = new ArrayList<>();
        List<String> talkerOf = new ArrayList<>();
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int k = 0; k < 3; k++) {
            double shift = 100 * (k + 1), scale = k + 1;                   // a talker moves and stretches every formant
            for (int v = 0; v < 4; v++) {
                double[] x = new double[12];
                for (int j = 0; j < 12; j++) x[j] = shift + scale * (v * 10 + j + r.nextDouble());
                xs.add(x);
                talkerOf.add("w0" + k);
            }
        }
        Vowels.perTalkerZscore(xs, talkerOf, 12);
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 12; j++) {
                double m = 0, v = 0;
                for (int i = 4 * k; i < 4 * k + 4; i++) m += xs.get(i)[j] / 4;
                for (int i = 4 * k; i < 4 * k + 4; i++) v += Math.pow(xs.get(i)[j] - m, 2) / 4;
                assertEquals(0, m, 1e-12);
                assertEquals(1, Math.sqrt(v), 1e-12);
            }
        }
    }

    @Test
    void badProtocolsAndDegenerateTalkersAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> Vowels.Protocol.parse("speaker/talker"));
        assertTrue(e.getMessage().contains("token|talker") && e.getMessage().contains("speaker"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Vowels.Protocol.parse("talker"));
        assertTrue(e.getMessage().contains("SPLIT/NORMALISE"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Vowels.Protocol("talker", "bark"));
        assertEquals(Vowels.Protocol.TALKER, Vowels.Protocol.parse("talker/talker"));
        List<double[]> one = new ArrayList<>(List.of(new double[12]));
        e = assertThrows(IllegalArgumentException.class, () -> Vowels.perTalkerZscore(one, List.of("w01"), 12));
        assertTrue(e.getMessage().contains("at least 2 tokens"), e.getMessage());
    }

    @Test
    void realDataTalkerProtocolSizesAndTrainingStatistics() {
        Dataset d = Vowels.load(data(), 0, Vowels.Protocol.TALKER);
        assertEquals(266, d.xTrain().length);
        assertEquals(70, d.xTest().length);
        assertEquals(12, d.xTrain()[0].length);
        int[] perClass = new int[7];
        for (int y : d.yTest()) perClass[y]++;
        for (int c : perClass) assertEquals(10, c, "every test talker brings one token per vowel");
        for (int j = 0; j < 12; j++) {
            double m = 0, v = 0;
            for (double[] x : d.xTrain()) m += x[j] / d.xTrain().length;
            for (double[] x : d.xTrain()) v += Math.pow(x[j] - m, 2) / d.xTrain().length;
            assertEquals(0, m, 1e-9);
            assertEquals(1, Math.sqrt(v), 1e-6);
        }
        // the earlier protocol by its own name: the same sizes, other test tokens and features
        Dataset old = Vowels.load(data(), 0, Vowels.Protocol.TOKEN_GLOBAL);
        assertEquals(266, old.xTrain().length);
        assertEquals(70, old.xTest().length);
        assertFalse(java.util.Arrays.equals(old.xTest()[0], d.xTest()[0]));
    }

    /**
     * Why the talker protocol: a nearest-class-mean classifier on the real data is much better after per-talker
     * z-scoring, because a talker's vocal tract moves all of its formants together (seeds 0-4, test tokens).
     */
    @Test
    void talkerNormalisationSeparatesVowelsBetterOnRealData() {
        double global = 0, talker = 0;
        for (long seed = 0; seed < 5; seed++) {
            global += nearestMean(Vowels.load(data(), seed, new Vowels.Protocol("talker", "global")));
            talker += nearestMean(Vowels.load(data(), seed, Vowels.Protocol.TALKER));
        }
        global /= 5;
        talker /= 5;
        assertTrue(talker > global + 0.05, "talker " + talker + " vs global " + global);
        assertTrue(talker > 0.85, "talker-normalised nearest class mean " + talker);
    }

    private static double nearestMean(Dataset d) {
        double[][] mean = new double[7][12];
        int[] n = new int[7];
        for (int i = 0; i < d.xTrain().length; i++) {
            n[d.yTrain()[i]]++;
            for (int j = 0; j < 12; j++) mean[d.yTrain()[i]][j] += d.xTrain()[i][j];
        }
        int ok = 0;
        for (int i = 0; i < d.xTest().length; i++) {
            int best = -1;
            double bd = Double.MAX_VALUE;
            for (int c = 0; c < 7; c++) {
                double dist = 0;
                for (int j = 0; j < 12; j++) dist += Math.pow(d.xTest()[i][j] - mean[c][j] / n[c], 2);
                if (dist < bd) { bd = dist; best = c; }
            }
            if (best == d.yTest()[i]) ok++;
        }
        return ok / (double) d.xTest().length;
    }
}
