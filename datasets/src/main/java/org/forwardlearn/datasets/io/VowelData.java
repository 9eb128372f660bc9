package org.forwardlearn.datasets.io;

import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.SampleSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Hillenbrand et al. (1995) {@code vowdata.dat}: one token per data line ({@code [mwbg]NN<vowel>} then 15
 * numbers). Features ({@link #FEATURES}): F1-F3 at steady state and at 20, 50 and 80 % of the duration.
 * A 0 means "not measurable": {@link Missing} says what to do with those (see {@link #toSampleSet}).
 */
public final class VowelData {
    /** The 12 vowel codes of the file, in this (alphabetical) class order. */
    public static final List<String> VOWELS = List.of("ae", "ah", "aw", "eh", "ei", "er", "ih", "iy", "oa", "oo", "uh", "uw");
    /** The 7 vowels of the PFF vowel experiments. */
    public static final List<String> PFF_VOWELS = List.of("ae", "ah", "aw", "eh", "ih", "iy", "uw");
    /** Names of the 12 features. */
    public static final List<String> FEATURES = List.of("F1", "F2", "F3", "F1@20", "F2@20", "F3@20", "F1@50", "F2@50",
            "F3@50", "F1@80", "F2@80", "F3@80");
    private static final int[] COLUMNS = {2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14};
    private static final Pattern DATA = Pattern.compile("^[mwbg][0-9]{2}[a-z]{2}\\s.*");

    /** Treatment of zero ("not measurable") feature values. */
    public enum Missing {
        /** Replace a zero by the mean of the non-zero values of that feature over tokens of the same vowel. */
        IMPUTE_VOWEL_MEAN,
        /** Drop every token with a zero in any of the 12 features. */
        DROP_TOKENS,
        /** Keep the zeros. */
        KEEP_ZEROS
    }

    /**
     * One token.
     *
     * @param file e.g. m01ae
     * @param group m, w, b or g
     * @param talker talker number within the group
     * @param vowel vowel code
     * @param values the 15 numbers after the file name (dur, f0, F1..F4, F1-F3 at 20, 50, 80 %)
     */
    public record Token(String file, char group, int talker, String vowel, double[] values) {
        /** The 12 features in {@link #FEATURES} order. */
        public double[] features() {
            double[] f = new double[COLUMNS.length];
            for (int i = 0; i < f.length; i++) f[i] = values[COLUMNS[i]];
            return f;
        }
    }

    private final List<Token> tokens;

    private VowelData(List<Token> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    /** Talkers per group in the complete file: 45 men, 48 women, 27 boys, 19 girls (Hillenbrand et al. 1995). */
    public static final java.util.Map<Character, Integer> TALKERS = java.util.Map.of('m', 45, 'w', 48, 'b', 27, 'g', 19);

    /**
     * Reads the complete file and checks that it is complete: every talker group with its number of talkers
     * ({@link #TALKERS}), every talker with all 12 vowels, each token once; a file cut short (or with lines
     * removed) is refused with what is missing.
     */
    public static VowelData load(Path file) {
        List<Token> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        TextLines.forEach(file, (line, s) -> {
            if (!DATA.matcher(s).matches()) return;
            String[] p = s.trim().split("\\s+");
            if (p.length != 16) throw DatasetFormatException.atLine(file, line, "16 columns", Integer.toString(p.length));
            String vowel = p[0].substring(3, 5);
            if (!VOWELS.contains(vowel)) {
                throw DatasetFormatException.atLine(file, line, "a vowel in " + VOWELS, org.forwardlearn.core.io.ReadBudget.preview(vowel));
            }
            if (!seen.add(p[0])) throw DatasetFormatException.atLine(file, line, "each token once", "a second " + p[0]);
            double[] v = new double[15];
            for (int j = 0; j < 15; j++) {
                v[j] = TextLines.num(file, line, p[j + 1]);
                if (v[j] < 0) throw DatasetFormatException.atLine(file, line, "values >= 0", p[j + 1]);
            }
            out.add(new Token(p[0], p[0].charAt(0), Integer.parseInt(p[0].substring(1, 3)), vowel, v));
        });
        if (out.isEmpty()) throw DatasetFormatException.of(file, "data lines like 'm01ae 323 174 ...'", "none");
        requireComplete(file, out);
        return new VowelData(out);
    }

    private static void requireComplete(Path file, List<Token> tokens) {
        java.util.Map<String, java.util.Set<String>> byTalker = new java.util.TreeMap<>();
        for (Token t : tokens) byTalker.computeIfAbsent(t.file().substring(0, 3), k -> new java.util.TreeSet<>()).add(t.vowel());
        List<String> missing = new ArrayList<>();
        java.util.Set<String> vowelsPresent = new java.util.TreeSet<>();
        tokens.forEach(t -> vowelsPresent.add(t.vowel()));
        List<String> noVowel = VOWELS.stream().filter(v -> !vowelsPresent.contains(v)).toList();
        if (!noVowel.isEmpty()) missing.add("vowels " + noVowel);
        for (char g : new char[] {'m', 'w', 'b', 'g'}) {
            long talkers = byTalker.keySet().stream().filter(k -> k.charAt(0) == g).count();
            if (talkers != TALKERS.get(g)) missing.add(TALKERS.get(g) + " talkers in group " + g + " (got " + talkers + ")");
        }
        int incomplete = 0;
        String example = null;
        for (java.util.Map.Entry<String, java.util.Set<String>> e : byTalker.entrySet()) {
            if (e.getValue().size() != VOWELS.size()) {
                incomplete++;
                if (example == null) {
                    example = e.getKey() + " lacks " + VOWELS.stream().filter(v -> !e.getValue().contains(v)).toList();
                }
            }
        }
        if (incomplete > 0) missing.add(incomplete + " talkers without all 12 vowels, e.g. " + example);
        if (!missing.isEmpty()) {
            throw DatasetFormatException.of(file, "the complete file (" + TALKERS.values().stream().mapToInt(Integer::intValue).sum()
                    + " talkers x 12 vowels = 1668 tokens)", tokens.size() + " tokens; missing: " + String.join("; ", missing));
        }
    }

    public List<Token> tokens() {
        return tokens;
    }

    /** Tokens whose group is in {@code groups} (e.g. "w" for women) and whose vowel is in {@code vowels}. */
    public VowelData select(String groups, List<String> vowels) {
        return new VowelData(tokens.stream().filter(t -> groups.indexOf(t.group()) >= 0 && vowels.contains(t.vowel()))
                .toList());
    }

    /** Women speakers and the 7 PFF vowels (ae, ah, aw, eh, ih, iy, uw). */
    public VowelData womenPff() {
        return select("w", PFF_VOWELS);
    }

    /** Number of zero values per feature (in {@link #FEATURES} order). */
    public int[] zeroCounts() {
        int[] z = new int[COLUMNS.length];
        for (Token t : tokens) {
            double[] f = t.features();
            for (int i = 0; i < f.length; i++) if (f[i] == 0) z[i]++;
        }
        return z;
    }

    /**
     * The tokens as a sample set with classes = the vowels present (in {@link #VOWELS} order) and a
     * talker-disjoint split: talkers sorted by (group, number), every 4th talker (index % 4 == 3) is test.
     */
    public SampleSet toSampleSet(String name, Missing missing) {
        List<String> classes = new ArrayList<>(new TreeSet<>(tokens.stream().map(Token::vowel).toList()));
        List<String> talkers = new ArrayList<>(new TreeSet<>(tokens.stream().map(t -> t.file().substring(0, 3)).toList()));
        double[][] mean = vowelMeans(classes);
        List<double[]> trX = new ArrayList<>();
        List<double[]> teX = new ArrayList<>();
        List<Integer> trY = new ArrayList<>();
        List<Integer> teY = new ArrayList<>();
        for (Token t : tokens) {
            double[] f = t.features();
            int c = classes.indexOf(t.vowel());
            boolean hasZero = false;
            for (int i = 0; i < f.length; i++) {
                if (f[i] != 0) continue;
                hasZero = true;
                if (missing == Missing.IMPUTE_VOWEL_MEAN) f[i] = mean[c][i];
            }
            if (hasZero && missing == Missing.DROP_TOKENS) continue;
            boolean test = talkers.indexOf(t.file().substring(0, 3)) % 4 == 3;
            (test ? teX : trX).add(f);
            (test ? teY : trY).add(c);
        }
        return SampleSet.own(name, matrix(trX), trY.stream().mapToInt(Integer::intValue).toArray(), matrix(teX),
                teY.stream().mapToInt(Integer::intValue).toArray(), classes.size());
    }

    private double[][] vowelMeans(List<String> classes) {
        double[][] sum = new double[classes.size()][COLUMNS.length];
        int[][] cnt = new int[classes.size()][COLUMNS.length];
        for (Token t : tokens) {
            int c = classes.indexOf(t.vowel());
            double[] f = t.features();
            for (int i = 0; i < f.length; i++) {
                if (f[i] != 0) {
                    sum[c][i] += f[i];
                    cnt[c][i]++;
                }
            }
        }
        for (int c = 0; c < sum.length; c++) for (int i = 0; i < COLUMNS.length; i++) sum[c][i] /= Math.max(1, cnt[c][i]);
        return sum;
    }

    private static DMatrixRMaj matrix(List<double[]> rows) {
        DMatrixRMaj m = new DMatrixRMaj(rows.size(), COLUMNS.length);
        for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, m.data, i * COLUMNS.length, COLUMNS.length);
        return m;
    }
}
