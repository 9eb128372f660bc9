package org.forwardlearn.cli.command;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every training command takes: {@code --seed N} and {@code --out DIR}. */
public final class RunOptions {
    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: the library's documented default).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder: result.json (and, per command, checkpoint, metrics.csv, report.html...).")
    public Path out;

    /** Creates --out now, when given (a usage error if it cannot be created or written): call before any work. */
    public void prepareOut() {
        if (out != null) RunOutput.prepare(out);
    }

    /** The seed, or {@code dflt} when --seed was not given. */
    public long seed(long dflt) { return seed != null ? seed : dflt; }
}
