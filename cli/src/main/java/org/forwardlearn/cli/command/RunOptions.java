package org.forwardlearn.cli.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every training command takes: {@code --seed N} and {@code --out DIR}. */
public final class RunOptions {
    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    public long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder: result.json (and, per command, checkpoint, metrics.csv, report.html...).")
    public Path out;
}
