package org.forwardlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.forwardlearn.cli.io.JsonFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench gnn} and {@code demo} on generated graphs by their parameters: the graph, its ledger and its split. */
class GeneratedGraphBenchTest {
    @TempDir Path tmp;

    @Test
    void benchOnAStreamingCsbmGraph() throws Exception {
        Path out = tmp.resolve("b");
        CliRun r = CliRun.of("bench", "gnn", "--dataset", "csbm", "--nodes", "3000", "--edges", "15000", "--features", "8", "--classes", "3",
                "--train-size", "600", "--val-size", "300", "--split", "-1", "--epochs", "2", "--repeat", "1", "--warmup", "0",
                "--threads", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        Map<String, Object> b = JsonFiles.read(out.resolve("bench.json"));
        Map<?, ?> g = (Map<?, ?>) b.get("generated_graph");
        assertEquals(30_000, ((Number) g.get("directed_edges")).intValue());
        assertEquals(3000, ((Number) g.get("nodes")).intValue());
        Map<?, ?> led = (Map<?, ?>) b.get("memory_ledger_bytes");
        assertEquals(4L * 3001 + 4L * 30_000, ((Number) led.get("graph_csr")).longValue());
        assertEquals(8L * 3000 * 8, ((Number) led.get("features")).longValue());
        double fo = ((Number) b.get("features_only_test_accuracy")).doubleValue();
        assertTrue(fo > 0.34 && fo <= 1, "features alone beat chance (1/3): " + fo);
        assertEquals(2, ((Number) b.get("threads")).intValue());
        assertTrue(((Number) b.get("cpu_seconds_per_epoch")).doubleValue() > 0);
    }

    /** The products preset by name, its sizes overridden (the preset's features, classes, homophily and signal kept). */
    @Test
    void benchOnThePresetWithSmallerSizes() throws Exception {
        Path out = tmp.resolve("p");
        CliRun r = CliRun.of("bench", "gnn", "--dataset", "csbm-products", "--nodes", "3000", "--edges", "30000", "--train-size", "600",
                "--val-size", "300", "--split", "-1", "--epochs", "2", "--repeat", "1", "--warmup", "0", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        Map<?, ?> g = (Map<?, ?>) JsonFiles.read(out.resolve("bench.json")).get("generated_graph");
        assertEquals(47, ((Number) g.get("classes")).intValue());
        assertEquals(100, ((Number) g.get("features")).intValue());
        assertEquals(2.5, ((Number) g.get("signal")).doubleValue(), 0.0);
    }

    @Test
    void demoOnAStreamingCsbmGraphAndBadParameters() throws Exception {
        Path out = tmp.resolve("d");
        CliRun r = CliRun.of("demo", "--dataset", "csbm", "--nodes", "2000", "--edges", "8000", "--features", "8", "--classes", "2",
                "--epochs", "4", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        Map<String, Object> res = JsonFiles.read(out.resolve("result.json"));
        assertTrue(res.containsKey("memory_ledger_bytes"), res.toString());
        CliRun bad = CliRun.of("bench", "gnn", "--dataset", "csbm", "--nodes", "100", "--edges", "100000", "--epochs", "1");
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("Expected 0 <= edges"), bad.err());
    }
}
