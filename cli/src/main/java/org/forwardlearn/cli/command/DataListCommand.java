package org.forwardlearn.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.cli.io.JsonFiles;
import org.forwardlearn.cli.report.TextTable;
import org.forwardlearn.datasets.download.Catalogue;
import org.forwardlearn.datasets.download.DataFile;
import org.forwardlearn.datasets.download.DatasetEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forwardlearn data list}: every catalogued dataset and whether its files are in the data folder. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the known datasets and what the data folder holds.")
public final class DataListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        ForwardlearnCommand root = ForwardlearnCommand.root(spec);
        Console console = root.console();
        Path dir = root.dataDir();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DatasetEntry e : Catalogue.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("kind", e.kind().name().toLowerCase().replace('_', '-'));
            m.put("status", status(e, dir));
            long bytes = 0;
            for (DataFile f : e.files()) bytes += Math.max(0, f.size());
            m.put("size_mb", e.files().isEmpty() ? 0.0 : Math.round(bytes / 1e4) / 100.0);
            m.put("size", e.files().isEmpty() ? "-" : String.format(java.util.Locale.ROOT, "%.2f MB", bytes / 1e6));
            m.put("description", e.description());
            rows.add(m);
        }
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("data_dir", dir.toString());
            all.put("datasets", rows);
            console.out().println(JsonFiles.toJson(all));
        } else {
            TextTable t = new TextTable("name", "kind", "status", "size", "description");
            for (Map<String, Object> r : rows) t.row(r.get("name"), r.get("kind"), r.get("status"), r.get("size"), r.get("description"));
            console.out().print(t.render());
            console.status("data folder: " + dir);
        }
        console.out().flush();
        return 0;
    }

    /** "generated", "present", "missing" or "partial (k/n files)". */
    static String status(DatasetEntry e, Path dir) {
        if (e.files().isEmpty()) return "generated";
        int present = 0;
        for (DataFile f : e.files()) if (Files.isRegularFile(dir.resolve(f.path()))) present++;
        if (present == e.files().size()) return "present";
        return present == 0 ? "missing" : "partial (" + present + "/" + e.files().size() + " files)";
    }
}
