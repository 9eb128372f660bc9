package org.forwardlearn.cli.command;

import java.util.Map;
import java.util.concurrent.Callable;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.cli.io.JsonFiles;
import org.forwardlearn.cli.report.TextTable;
import org.forwardlearn.datasets.DatasetInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code forwardlearn data info NAME [--json]}: loads a dataset and prints its statistics (graphs: nodes,
 * edges (undirected), features, classes; sample sets: train, test, features, classes).
 */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Load a dataset and print its statistics.")
public final class DataInfoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Dataset name (see 'forwardlearn data list').")
    String name;

    @Option(names = "--json", description = "Print JSON (one object) instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        ForwardlearnCommand root = ForwardlearnCommand.root(spec);
        Console console = root.console();
        Checks.oneOf("NAME", name, org.forwardlearn.datasets.Datasets.names());
        long t0 = System.nanoTime();
        Map<String, Object> info = DatasetInfo.describe(name, root.dataDir());
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (json) {
            console.out().println(JsonFiles.toJson(info));
        } else {
            TextTable t = new TextTable("property", "value");
            for (Map.Entry<String, Object> e : info.entrySet()) t.row(e.getKey(), e.getValue());
            console.out().print(t.render());
            console.status(String.format(java.util.Locale.ROOT, "loaded in %.2f s from %s", seconds, root.dataDir()));
        }
        console.out().flush();
        return 0;
    }
}
