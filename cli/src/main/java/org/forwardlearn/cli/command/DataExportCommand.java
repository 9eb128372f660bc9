package org.forwardlearn.cli.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.forwardlearn.cli.CliException;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.cli.io.Atomic;
import org.forwardlearn.cli.io.TextFiles;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.datasets.io.GraphCsv;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code forwardlearn data export NAME --format csv|parquet --out DIR}: a graph in the Spark layout
 * ({@code nodes.csv: id,label,split,f0..}, {@code edges.csv: src,dst}; datasets' {@link GraphCsv}).
 * Parquet is not written here (the CLI carries no Spark): {@code --format parquet} writes the same CSV
 * tables and says how the Spark job reads or converts them.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a graph to the Spark layout: nodes.csv (id,label,split,f0,...) and edges.csv (src,dst).",
                "The split column is the public split (Planetoid) or ForwardGNN split --split (default 0).",
                "--format parquet: Parquet is written by the Spark job (spark-jobs), not by this command; the CSV",
                "tables are written and the conversion command is printed."})
public final class DataExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Graph dataset name.")
    String name;

    @Option(names = "--format", required = true, paramLabel = "csv|parquet", description = "csv, or parquet (see above).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--split", defaultValue = "0", description = "ForwardGNN split index written in the split column when the "
            + "dataset has no public split (default: ${DEFAULT-VALUE}; -1 = no split column values).")
    int split;

    @Option(names = "--seed", defaultValue = "100", description = "Seed of that split (default: ${DEFAULT-VALUE}, forwardgnn's default).")
    long seed;

    @Override
    public Integer call() throws IOException {
        ForwardlearnCommand root = ForwardlearnCommand.root(spec);
        Console console = root.console();
        if (!format.equals("csv") && !format.equals("parquet")) {
            throw CliException.usage("--format: expected csv or parquet (got '" + format + "')");
        }
        if (!Datasets.isGraph(name)) {
            throw new CliException("data export: expected a graph dataset (got '" + name + "'; graphs are exported to the Spark layout)");
        }
        Graph g = Datasets.loadGraph(name, root.dataDir());
        NodeSplit s = g.publicSplit().orElse(split < 0 ? null : NodeSplit.forwardGnn(g, split, seed));
        String splitDesc = g.publicSplit().isPresent() ? "public split" : split < 0 ? "no split" : "ForwardGNN split " + split + " (seed " + seed + ")";
        writeAtomically(g, s, out);
        console.out().println(String.format("%s: %d nodes, %d stored edges, %d features, %s -> %s, %s",
                name, g.numNodes(), g.numStoredEdges(), g.numFeatures(), splitDesc, out.resolve(GraphCsv.NODES), out.resolve(GraphCsv.EDGES)));
        if (format.equals("parquet")) {
            String note = "Parquet is written by the Spark job, not by the forwardlearn CLI (which carries no Spark).\n"
                    + "These CSV tables are the Spark layout; run the job on them directly with --format csv, or convert once:\n"
                    + "  spark.read.option(\"header\", true).option(\"inferSchema\", true).csv(\"" + out.resolve(GraphCsv.NODES) + "\")"
                    + ".write.parquet(\"" + out.resolve("nodes.parquet") + "\")  (same for edges.csv)\n";
            TextFiles.write(out.resolve("PARQUET.txt"), note);
            console.status("note: --format parquet: wrote CSV; Parquet is produced by the Spark job (spark-jobs ForwardGnnJob "
                    + "reads these files with --format csv); see " + out.resolve("PARQUET.txt"));
        }
        console.out().flush();
        return 0;
    }

    /** GraphCsv writes into a temporary sibling folder; each file is then moved into place atomically. */
    static void writeAtomically(Graph g, NodeSplit s, Path out) throws IOException {
        Path abs = out.toAbsolutePath();
        Files.createDirectories(abs);
        Path tmp = Files.createTempDirectory(abs, ".export");
        try {
            GraphCsv.write(g, s, tmp);
            for (String f : new String[] {GraphCsv.NODES, GraphCsv.EDGES}) {
                try {
                    Files.move(tmp.resolve(f), abs.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                    Files.move(tmp.resolve(f), abs.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                Atomic.readable(abs.resolve(f));
            }
        } finally {
            try (Stream<Path> w = Files.walk(tmp)) {
                w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
