package org.forwardlearn.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.forwardlearn.cli.CliException;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.io.Atomic;
import org.forwardlearn.cli.io.JsonFiles;
import org.forwardlearn.cli.io.TextFiles;
import org.forwardlearn.cli.progress.MetricsRecorder;
import org.forwardlearn.cli.report.TextTable;
import org.forwardlearn.core.io.Checkpoint;

/**
 * The output folder of a run ({@code --out}; may be absent, then nothing is written). Every file is
 * written atomically. Standard names: result.json, model.flck, metrics.csv, predictions.csv, report.html.
 */
public final class RunOutput {
    public static final String RESULT = "result.json";
    public static final String CHECKPOINT = "model.flck";
    public static final String METRICS = "metrics.csv";
    public static final String PREDICTIONS = "predictions.csv";
    public static final String REPORT = "report.html";

    private final Path dir;

    /** The output folder, created now (see {@link #prepare}); construct it before loading data or training. */
    public RunOutput(Path dir) {
        this.dir = dir;
        if (dir != null) prepare(dir);
    }

    /**
     * Creates {@code dir} (with its parents) and checks that a file can be written in it (a probe file is created
     * and deleted), so that an unusable {@code --out} fails before any training: a usage error, exit code 2.
     */
    public static void prepare(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing != null && !Files.isDirectory(existing)) {
            throw CliException.usage("--out: expected a folder that can be created (got " + dir + ", but "
                    + (existing.equals(dir.toAbsolutePath()) ? "it" : existing.toString()) + " is a file)");
        }
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".forwardlearn-write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw CliException.usage("--out: expected a folder that can be created and written (got " + dir + ": "
                    + org.forwardlearn.cli.Errors.oneLine(e) + ")");
        }
    }

    public boolean enabled() { return dir != null; }

    public Path dir() { return dir; }

    public Path file(String name) { return dir == null ? null : dir.resolve(name); }

    public void result(Map<String, ?> result) throws IOException {
        if (dir != null) JsonFiles.write(dir.resolve(RESULT), result);
    }

    public void checkpoint(Checkpoint cp) throws IOException {
        if (dir != null) {
            cp.save(dir.resolve(CHECKPOINT));
            Atomic.readable(dir.resolve(CHECKPOINT));
        }
    }

    public void metrics(MetricsRecorder rec, String metricName) throws IOException {
        if (dir != null) rec.writeCsv(dir.resolve(METRICS), metricName);
    }

    public void text(String name, String text) throws IOException {
        if (dir != null) TextFiles.write(dir.resolve(name), text);
    }

    /** Prints the result table on stdout and, when writing, where the files went (stderr). */
    public void printSummary(Console console, Map<String, ?> result) {
        console.endLine();
        console.out().print(TextTable.of(result).render());
        if (result.get("per_layer") instanceof java.util.List<?> rows && !rows.isEmpty() && rows.get(0) instanceof Map<?, ?> first) {
            java.util.List<String> keys = new java.util.ArrayList<>();
            for (Object k : first.keySet()) keys.add(String.valueOf(k));
            TextTable t = new TextTable(keys.toArray(new String[0]));
            for (Object row : rows) {
                Map<?, ?> rm = (Map<?, ?>) row;
                Object[] cells = new Object[keys.size()];
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = rm.get(keys.get(i)); // layers are 1-based in the result already
                }
                t.row(cells);
            }
            console.out().println();
            console.out().print(t.render());
        }
        console.out().flush();
        if (dir != null) console.status("wrote " + dir.resolve(RESULT));
    }
}
