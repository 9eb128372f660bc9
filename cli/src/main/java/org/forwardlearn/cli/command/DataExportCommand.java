package org.forwardlearn.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.forwardlearn.cli.CliException;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.cli.io.Atomic;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.datasets.parquet.ParquetTables;
import org.forwardlearn.datasets.table.TableCsv;
import org.forwardlearn.datasets.table.TableGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code forwardlearn data export NAME --format csv|parquet --out DIR}: a catalogue graph in the user-table layout
 * (datasets' {@code TableLayout}: ids 0..N-1, label, split train|val|test|other, one column per feature; edges src,dst,
 * one row per stored directed entry), as CSV ({@code TableCsv}) or real Parquet ({@code ParquetTables}), each file
 * written to a temporary sibling and moved into place. The files are what {@code gnn train --nodes --edges} and the
 * Spark job read.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a graph as node and edge tables: nodes (id,label,split,f0,...) and edges (src,dst), as CSV",
                "(nodes.csv, edges.csv) or Parquet (nodes.parquet, edges.parquet).",
                "The split column is the public split (Planetoid) or ForwardGNN split --split (default 0)."})
public final class DataExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Graph dataset name.")
    String name;

    @Option(names = "--format", required = true, paramLabel = "csv|parquet", description = "csv or parquet.")
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
        TableGraph t = TableGraph.fromGraph(g, s);
        boolean parquet = format.equals("parquet");
        if (parquet) ParquetTables.write(t, out); else TableCsv.write(t, out);
        Path nodes = out.resolve(parquet ? ParquetTables.NODES : TableCsv.NODES), edges = out.resolve(parquet ? ParquetTables.EDGES : TableCsv.EDGES);
        for (Path f : new Path[] {nodes, edges}) Atomic.readable(f);
        console.out().println(String.format("%s: %d nodes, %d stored edges, %d features, %s -> %s, %s",
                name, g.numNodes(), g.numStoredEdges(), g.numFeatures(), splitDesc, nodes, edges));
        console.out().flush();
        return 0;
    }
}
