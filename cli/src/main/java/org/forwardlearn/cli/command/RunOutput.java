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

    public RunOutput(Path dir) {
        this.dir = dir;
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CliException("--out must be a folder (got the file " + dir + ")");
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
                    Object v = rm.get(keys.get(i));
                    cells[i] = keys.get(i).equals("layer") && v instanceof Integer l ? Integer.valueOf(l + 1) : v;
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
