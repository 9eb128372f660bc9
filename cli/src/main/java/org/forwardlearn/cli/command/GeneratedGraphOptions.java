package org.forwardlearn.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;
import org.forwardlearn.cli.CliException;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.datasets.generate.CsbmSpec;
import org.forwardlearn.datasets.generate.StreamingCsbm;
import org.forwardlearn.forwardgnn.graph.GraphData;
import picocli.CommandLine.Option;

/**
 * Generated graphs by their parameters for {@code bench gnn}: {@code --dataset csbm} with any of the options below, or the
 * preset {@code --dataset csbm-products} (the size of ogbn-products). Streamed into one int CSR, features in float32 when
 * the run's precision is float.
 */
public final class GeneratedGraphOptions {
    static final String PRESET = "csbm-products";

    @Option(names = "--nodes", description = "Generated graph (--dataset csbm): nodes (default 100000; preset: 2449029).")
    Integer nodes;

    @Option(names = "--edges", description = "Generated graph: exact number of undirected edges (default 5 x nodes; preset: 61859140).")
    Long edges;

    @Option(names = "--features", description = "Generated graph: features per node (default 64; preset: 100).")
    Integer features;

    @Option(names = "--classes", description = "Generated graph: classes (default 5; preset: 47).")
    Integer classes;

    @Option(names = "--homophily", description = "Generated graph: expected fraction of edges inside classes (default 0.8; preset: 0.3).")
    Double homophily;

    @Option(names = "--signal", description = "Generated graph: class signal of the features in noise standard deviations (default 1.0; preset: 2.5).")
    Double signal;

    @Option(names = "--train-size", description = "Generated graph: training nodes of its own split, used with --split -1 (preset: 196615).")
    Integer trainSize;

    @Option(names = "--val-size", description = "Generated graph: validation nodes of its own split (preset: 39323).")
    Integer valSize;

    /** True when {@code dataset} names a graph these options generate. */
    boolean generates(String dataset) {
        return dataset.equals(PRESET) || dataset.equals("csbm") && (nodes != null || edges != null || features != null || classes != null
                || homophily != null || signal != null || trainSize != null || valSize != null);
    }

    /** The spec for {@code dataset} (preset or csbm) with the given options applied. */
    CsbmSpec spec(String dataset, long seed) {
        boolean preset = dataset.equals(PRESET);
        CsbmSpec p = CsbmSpec.products(seed);
        int n = nodes != null ? nodes : preset ? p.nodes() : 100_000;
        long e = edges != null ? edges : preset ? p.undirectedEdges() : 5L * n;
        int f = features != null ? features : preset ? p.features() : 64;
        int c = classes != null ? classes : preset ? p.classes() : 5;
        double h = homophily != null ? homophily : preset ? p.homophily() : 0.8;
        double s = signal != null ? signal : preset ? p.signal() : 1.0;
        int tr = trainSize != null ? trainSize : preset ? p.trainSize() : 0;
        int va = valSize != null ? valSize : preset ? p.valSize() : 0;
        try {
            return new CsbmSpec(n, e, f, c, h, s, tr, va, seed);
        } catch (IllegalArgumentException ex) {
            throw CliException.usage("--dataset " + dataset + ": " + ex.getMessage());
        }
    }

    /** Generation results: the graph, the seconds it took and the parameters (for bench.json / provenance). */
    record Generated(GraphData graph, double seconds, Map<String, Object> parameters) { }

    Generated generate(String dataset, long seed) {
        CsbmSpec s = spec(dataset, seed);
        boolean floats = Kernels.precision() == Kernels.Precision.FLOAT;
        long t0 = System.nanoTime();
        GraphData g = GraphData.from(StreamingCsbm.generate(dataset, s, floats));
        double sec = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generator", "streaming-csbm");
        m.put("nodes", s.nodes());
        m.put("undirected_edges", s.undirectedEdges());
        m.put("directed_edges", g.topology().numEdges());
        m.put("features", s.features());
        m.put("classes", s.classes());
        m.put("homophily", s.homophily());
        m.put("signal", s.signal());
        m.put("train_size", s.trainSize());
        m.put("val_size", s.valSize());
        m.put("generator_seed", s.seed());
        m.put("feature_storage", floats ? "float32" : "float64");
        return new Generated(g, sec, m);
    }
}
