package org.forwardlearn.physical;

import java.nio.file.Path;

/**
 * Command-line entry point for the README tables (test scope, so library code never prints):
 * {@code java -Dforwardlearn.data=DIR -cp physical/target/classes:physical/target/test-classes:$(cat cp.txt)
 * org.forwardlearn.physical.PhysicalBenchMain DATASET METHODS SEEDS [EPOCHS] [TRAIN_LIMIT] [DRIFT]}.
 * Prints the markdown table of {@link PhysicalBench#table}; bad arguments throw.
 */
public final class PhysicalBenchMain {
    private PhysicalBenchMain() {}

    public static void main(String[] args) {
        String dir = System.getProperty("forwardlearn.data", System.getenv("FORWARDLEARN_DATA"));
        var spec = PhysicalBench.config(args, dir == null ? null : Path.of(dir));
        System.out.print(PhysicalBench.table(PhysicalBench.run(spec, null)));
    }
}
