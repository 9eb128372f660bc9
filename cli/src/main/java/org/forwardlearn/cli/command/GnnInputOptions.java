package org.forwardlearn.cli.command;

import java.nio.file.Path;
import org.forwardlearn.cli.CliException;
import org.forwardlearn.datasets.parquet.ParquetTables;
import org.forwardlearn.datasets.table.FeatureNorm;
import org.forwardlearn.datasets.table.TableGraph;
import org.forwardlearn.datasets.table.TableGraphReader;
import org.forwardlearn.datasets.table.TableOptions;
import picocli.CommandLine.Option;

/**
 * A user's graph as two tables ({@code --nodes}, {@code --edges}; the datasets table layout), shared by
 * {@code gnn train} and {@code gnn predict}. Every value is checked before any file is read.
 */
public final class GnnInputOptions {
    @Option(names = "--nodes", paramLabel = "PATH", description = "Node table: columns id, label, split (train|val|test|other; absent: "
            + "a seeded random 64/16/20 split) and one numeric column per feature. Ids: any integers or strings.")
    Path nodes;

    @Option(names = "--edges", paramLabel = "PATH", description = "Edge table: columns src, dst (node ids).")
    Path edges;

    @Option(names = "--format", paramLabel = "csv|parquet", description = "Table format (default: parquet when --nodes ends in .parquet, else csv).")
    String format;

    @Option(names = "--directed", description = "Keep edges as listed (messages src -> dst only). Default: every edge both ways.")
    boolean directed;

    @Option(names = "--features-norm", paramLabel = "RULE", description = "none|row-sum|row-l2|standardize (default for own tables: "
            + "none; each layer input is row-L2-normalised anyway). row-sum refuses rows with a sum <= 0; standardize uses the "
            + "training nodes' mean and deviation, stored with the model.")
    String featuresNorm;

    /** Whether a user graph was given. */
    boolean given() { return nodes != null || edges != null; }

    /** Checks the option values (exit code 2) without reading anything. */
    void check() {
        if (nodes == null || edges == null) throw CliException.usage("--nodes and --edges: expected both (got only " + (nodes != null ? "--nodes" : "--edges") + ")");
        format();
        norm();
    }

    String format() {
        String f = format != null ? format : nodes.toString().endsWith(".parquet") ? "parquet" : "csv";
        if (!f.equals("csv") && !f.equals("parquet")) throw CliException.usage("--format: expected csv or parquet (got '" + format + "')");
        return f;
    }

    FeatureNorm norm() {
        if (featuresNorm == null) return FeatureNorm.USER_TABLE_DEFAULT;
        try {
            return FeatureNorm.parse(featuresNorm);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--features-norm: expected one of " + FeatureNorm.ids() + " (got '" + featuresNorm + "')");
        }
    }

    /** Reads and validates the tables (errors name the file and the line or row). */
    TableGraph read(long splitSeed) {
        TableOptions o = new TableOptions(directed, splitSeed);
        return format().equals("parquet") ? ParquetTables.read(nodes, edges, o) : TableGraphReader.readCsv(nodes, edges, o);
    }
}
