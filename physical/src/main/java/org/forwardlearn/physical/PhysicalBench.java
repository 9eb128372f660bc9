package org.forwardlearn.physical;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.forwardlearn.core.listen.TrainingListener;

/**
 * The README tables as a library API (no printing, no exit): {@link #config} parses the bench arguments
 * {@code DATASET METHODS SEEDS [EPOCHS] [TRAIN_LIMIT] [DRIFT]}, {@link #run} runs every method on every seed
 * ({@link PhysicalExperiment#compare(PhysicalExperiment.Config, List, long[], TrainingListener)}) and {@link #table}
 * formats the rows as markdown (mean ± sd over seeds) for a caller to print, e.g. the CLI or the test-side
 * {@code PhysicalBenchMain}.
 */
public final class PhysicalBench {
    public static final String USAGE = "DATASET(vowels[:paper|:SPLIT/NORM]|fashion-mnist) METHODS(pff,insilico,pat,bp,logreg,random-map,digital) "
            + "SEEDS(0,1,2) [EPOCHS] [TRAIN_LIMIT] [DRIFT_RATE(with one re-draw)]";

    private PhysicalBench() {}

    /** The parsed bench arguments. */
    public record Spec(PhysicalExperiment.Config config, List<String> methods, long[] seeds) {}

    /** One table row: a method's results over the seeds. */
    public record Row(String method, List<PhysicalResult> results) {
        public double mean() { return results.stream().mapToDouble(PhysicalResult::testAccuracy).average().orElse(Double.NaN); }

        /** Sample standard deviation of the test accuracy (0 for one seed). */
        public double sd() {
            double m = mean();
            return Math.sqrt(results.stream().mapToDouble(r -> Math.pow(r.testAccuracy() - m, 2)).sum() / Math.max(1, results.size() - 1));
        }

        double avg(java.util.function.ToDoubleFunction<PhysicalResult> f) { return results.stream().mapToDouble(f).average().orElse(0); }
    }

    /**
     * @param args    DATASET METHODS SEEDS [EPOCHS] [TRAIN_LIMIT] [DRIFT]
     * @param dataDir datasets directory (null: {@code Datasets.defaultDataDir()})
     * @throws IllegalArgumentException with the usage on malformed arguments
     */
    public static Spec config(String[] args, Path dataDir) {
        if (args.length < 3 || args.length > 6) throw new IllegalArgumentException("Expected " + USAGE + " (got " + Arrays.toString(args) + ")");
        try {
            String[] ds = args[0].split(":", 2);                  // vowels:token/global picks the vowel protocol
            var base = PhysicalExperiment.Config.defaults(ds[0]);
            if (ds.length > 1) {
                if (!ds[0].equals("vowels")) throw new IllegalArgumentException("Expected a protocol only after vowels (got " + args[0] + ")");
                base = base.withVowels(org.forwardlearn.physical.data.Vowels.Protocol.parse(ds[1]));
            }
            if (dataDir != null) base = base.withDataDir(dataDir);
            if (args.length > 3) base = base.withTraining(Integer.parseInt(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : 0, base.pff());
            if (args.length > 5) base = base.withDrift(Double.parseDouble(args[5]), true);
            long[] seeds = Arrays.stream(args[2].split(",")).mapToLong(Long::parseLong).toArray();
            return new Spec(base, List.of(args[1].split(",")), seeds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Expected " + USAGE + " (got " + Arrays.toString(args) + ": " + e.getMessage() + ")", e);
        }
    }

    /** Runs every method on every seed, one row per method. */
    public static List<Row> run(Spec spec, TrainingListener listener) {
        List<PhysicalResult> all = PhysicalExperiment.compare(spec.config(), spec.methods(), spec.seeds(), listener);
        List<Row> rows = new ArrayList<>();
        int k = spec.seeds().length;
        for (int i = 0; i < spec.methods().size(); i++) rows.add(new Row(spec.methods().get(i), List.copyOf(all.subList(i * k, (i + 1) * k))));
        return rows;
    }

    /**
     * Markdown table: method, test accuracy mean ± sd (per seed), device queries, samples, digital MACs, train s (means);
     * when some result carries {@code readout_test_accuracy} (PFF with the linear readout) a last column gives it the
     * same way ("–" for methods without a readout).
     */
    public static String table(List<Row> rows) {
        boolean ro = rows.stream().anyMatch(r -> r.results().stream().anyMatch(x -> x.extra().get(READOUT) instanceof Number));
        StringBuilder sb = new StringBuilder();
        sb.append("| method | test acc (mean ± sd, per seed) | device queries | device samples | digital MACs | train s |")
                .append(ro ? " readout test acc (mean ± sd, per seed) |\n" : "\n");
        sb.append("|---|---|---|---|---|---|").append(ro ? "---|\n" : "\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.3g | %.3g | %.1f |", r.method(),
                    spread(r.results().stream().mapToDouble(PhysicalResult::testAccuracy).toArray()),
                    r.avg(PhysicalResult::deviceQueries), r.avg(PhysicalResult::deviceSamples), r.avg(PhysicalResult::digitalMacs),
                    r.avg(PhysicalResult::trainSeconds)));
            if (ro) {
                boolean all = r.results().stream().allMatch(x -> x.extra().get(READOUT) instanceof Number);
                sb.append(all ? " " + spread(r.results().stream().mapToDouble(x -> ((Number) x.extra().get(READOUT)).doubleValue()).toArray())
                        + " |" : " – |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static final String READOUT = "readout_test_accuracy";

    /** "mean % ± sd (per value)" in percent; sd is the sample standard deviation (0 for one value). */
    static String spread(double[] v) {
        double m = java.util.Arrays.stream(v).average().orElse(Double.NaN), ss = 0;
        for (double x : v) ss += (x - m) * (x - m);
        double sd = Math.sqrt(ss / Math.max(1, v.length - 1));
        return String.format(Locale.ROOT, "%.2f %% ± %.2f (%s)", 100 * m, 100 * sd,
                String.join(", ", java.util.Arrays.stream(v).mapToObj(x -> String.format(Locale.ROOT, "%.1f", 100 * x)).toList()));
    }
}
