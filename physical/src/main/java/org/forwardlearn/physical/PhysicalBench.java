package org.forwardlearn.physical;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reproduces the README table: {@code java -cp ... org.forwardlearn.physical.PhysicalBench DATASET METHODS SEEDS
 * [EPOCHS] [TRAIN_LIMIT] [DRIFT]}, e.g. {@code vowels pff,insilico,pat,bp,logreg 0,1,2}. Prints one markdown row
 * per method (mean over seeds) to standard output: this is a program entry point, not library code.
 */
public final class PhysicalBench {
    private PhysicalBench() {}

    public static void main(String[] a) {
        if (a.length < 3) {
            System.err.println("usage: PhysicalBench vowels|fashion-mnist METHODS SEEDS [EPOCHS] [TRAIN_LIMIT] [DRIFT_RATE(with re-draw)]");
            System.exit(2);
        }
        var base = PhysicalExperiment.Config.defaults(a[0]);
        String dir = System.getProperty("forwardlearn.data", System.getenv("FORWARDLEARN_DATA"));
        if (dir != null) base = base.withDataDir(Path.of(dir));
        if (a.length > 3) base = base.withTraining(Integer.parseInt(a[3]), a.length > 4 ? Integer.parseInt(a[4]) : 0, base.pff());
        if (a.length > 5) base = base.withDrift(Double.parseDouble(a[5]), true);
        long[] seeds = Arrays.stream(a[2].split(",")).mapToLong(Long::parseLong).toArray();
        System.out.println("| method | test acc (mean ± sd) | device queries | device samples | digital MACs | train s |");
        System.out.println("|---|---|---|---|---|---|");
        for (String m : a[1].split(",")) {
            List<PhysicalResult> rs = new ArrayList<>();
            for (long s : seeds) rs.add(new PhysicalExperiment(base.with(m, s)).run(null));
            double mean = rs.stream().mapToDouble(PhysicalResult::testAccuracy).average().orElse(Double.NaN);
            double sd = Math.sqrt(rs.stream().mapToDouble(r -> Math.pow(r.testAccuracy() - mean, 2)).sum() / Math.max(1, rs.size() - 1));
            System.out.printf(Locale.ROOT, "| %s | %.2f %% ± %.2f (%s) | %.0f | %.3g | %.3g | %.1f |%n", m, 100 * mean, 100 * sd,
                    rs.stream().map(r -> String.format(Locale.ROOT, "%.1f", 100 * r.testAccuracy())).toList(),
                    rs.stream().mapToDouble(PhysicalResult::deviceQueries).average().orElse(0),
                    rs.stream().mapToDouble(PhysicalResult::deviceSamples).average().orElse(0),
                    rs.stream().mapToDouble(PhysicalResult::digitalMacs).average().orElse(0),
                    rs.stream().mapToDouble(PhysicalResult::trainSeconds).average().orElse(0));
        }
    }
}
