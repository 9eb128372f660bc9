package org.forwardlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.forwardlearn.cli.io.JsonFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README-style smoke tests: every command run in-process through {@link Main} on real data (system property
 * {@code forwardlearn.data}, set by the parent pom) with tiny settings, checking exit code, stdout and files.
 */
class CommandsSmokeTest {
    @TempDir Path tmp;

    static Path data() {
        return Path.of(System.getProperty("forwardlearn.data", "../../shared/datasets"));
    }

    static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    static Map<String, Object> result(Path dir) throws Exception {
        Path f = dir.resolve("result.json");
        assertTrue(Files.isRegularFile(f), "wrote " + f);
        Map<String, Object> m = JsonFiles.read(f);
        assertTrue(m.get("train_seconds") instanceof Number, m.toString());
        Object p = m.get("provenance");
        assertTrue(p instanceof Map<?, ?>, "provenance: " + m);
        assertNotNull(((Map<?, ?>) p).get("seed"));
        assertNotNull(((Map<?, ?>) p).get("config"));
        return m;
    }

    static double num(Map<String, Object> m, String key) {
        assertTrue(m.get(key) instanceof Number, key + " in " + m);
        return ((Number) m.get(key)).doubleValue();
    }

    @Test
    void demoRunsEndToEndWithoutData() throws Exception {
        Path out = tmp.resolve("demo");
        CliRun r = ok("demo", "--nodes", "300", "--epochs", "10", "--seed", "1", "--data-dir", tmp.resolve("nothing").toString(),
                "--out", out.toString());
        assertTrue(r.out().contains("test_accuracy"), r.toString());
        assertTrue(r.err().contains("layer 2/2"), "progress on stderr: " + r);
        Map<String, Object> m = result(out);
        assertTrue(num(m, "test_accuracy") >= 0 && num(m, "val_accuracy") >= 0);
        for (String f : List.of("model.flck", "metrics.csv", "predictions.csv", "report.html")) assertTrue(Files.exists(out.resolve(f)), f);
        assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"));
    }

    @Test
    void demoFfModel() throws Exception {
        Path out = tmp.resolve("demo-ff");
        ok("demo", "--model", "ff", "--epochs", "2", "--out", out.toString());
        assertTrue(num(result(out), "test_accuracy") > 0.5, "separable clusters");
    }

    @Test
    void ffTrainOnDigitsWithBaseline() throws Exception {
        Path out = tmp.resolve("ff");
        CliRun r = ok("ff", "train", "--dataset", "digits", "--epochs", "1", "--hidden", "64", "--seed", "3", "--baseline", "bp",
                "--out", out.toString());
        Map<String, Object> m = result(out);
        assertTrue(num(m, "test_accuracy") > 0.1 && num(m, "val_accuracy") >= 0, m.toString());
        assertTrue(((Map<?, ?>) m.get("baseline")).get("test_accuracy") instanceof Number);
        assertEquals(3, ((Number) ((Map<?, ?>) m.get("provenance")).get("seed")).intValue());
        assertTrue(Files.size(out.resolve("model.flck")) > 0);
        assertTrue(Files.readString(out.resolve("metrics.csv")).startsWith("layer,epoch,loss,"));
        assertTrue(r.out().contains("baseline_test_accuracy"), r.out());
    }

    @Test
    void dataInfoJsonOnRealGraphAndSampleSet() throws Exception {
        CliRun g = ok("data", "info", "cora", "--json", "--data-dir", data().toString());
        Map<?, ?> m = JsonFiles.mapper().readValue(g.out(), Map.class);
        assertEquals(2708, m.get("nodes"));
        assertEquals(5278, m.get("edges"));
        assertEquals(1433, m.get("features"));
        assertEquals(7, m.get("classes"));
        CliRun s = ok("data", "info", "digits", "--json", "--data-dir", data().toString());
        Map<?, ?> d = JsonFiles.mapper().readValue(s.out(), Map.class);
        assertEquals(64, d.get("features"));
        assertEquals(10, d.get("classes"));
        assertTrue(d.get("train") instanceof Number && d.get("test") instanceof Number);
    }

    @Test
    void dataListDownloadAndExport() throws Exception {
        CliRun l = ok("data", "list", "--data-dir", data().toString());
        assertTrue(l.out().lines().anyMatch(x -> x.contains("| cora ") && x.contains("present")), l.out());
        Path dd = tmp.resolve("dd");
        ok("data", "download", "digits", "--mirror", data().toString(), "--data-dir", dd.toString());
        assertTrue(Files.exists(dd.resolve("sklearn-digits/digits.csv.gz")));
        CliRun bad = CliRun.of("data", "download", "digits", "--mirror", tmp.resolve("no-mirror").toString(), "--data-dir",
                tmp.resolve("dd2").toString());
        assertEquals(1, bad.code(), bad.toString());
        assertEquals(1, bad.errLines(), bad.toString());
        Path ex = tmp.resolve("export");
        ok("data", "export", "cora", "--format", "csv", "--out", ex.toString(), "--data-dir", data().toString());
        assertTrue(Files.readString(ex.resolve("nodes.csv")).startsWith("id,label,split,f0"));
        assertTrue(Files.readString(ex.resolve("edges.csv")).startsWith("src,dst"));
        ok("data", "export", "cora", "--format", "parquet", "--out", ex.toString(), "--data-dir", data().toString());
        byte[] magic = java.util.Arrays.copyOf(Files.readAllBytes(ex.resolve("nodes.parquet")), 4);
        assertEquals("PAR1", new String(magic, java.nio.charset.StandardCharsets.US_ASCII), "real Parquet");
        var fromCsv = org.forwardlearn.datasets.table.TableGraphReader.readCsv(ex.resolve("nodes.csv"), ex.resolve("edges.csv"),
                org.forwardlearn.datasets.table.TableOptions.defaults());
        var fromParquet = org.forwardlearn.datasets.parquet.ParquetTables.read(ex.resolve("nodes.parquet"), ex.resolve("edges.parquet"),
                org.forwardlearn.datasets.table.TableOptions.defaults());
        assertEquals(2708, fromParquet.ids().size());
        assertEquals(fromCsv.ids(), fromParquet.ids());
        assertEquals(140, fromParquet.split().train().length, "Cora's public split in the split column");
        assertEquals(fromCsv.graph().numStoredEdges(), fromParquet.graph().numStoredEdges());
        assertEquals(10556, fromParquet.graph().numStoredEdges());
    }

    @Test
    void gnnTrainNodeAndLink() throws Exception {
        Path out = tmp.resolve("gnn");
        CliRun r = ok("gnn", "train", "--dataset", "citationfull-cora_ml", "--method", "sf", "--conv", "gcn", "--layers", "2",
                "--split", "0", "--epochs", "2", "--seed", "7", "--data-dir", data().toString(), "--out", out.toString());
        Map<String, Object> m = result(out);
        assertTrue(num(m, "test_accuracy") >= 0 && num(m, "val_accuracy") >= 0);
        assertEquals(2, ((List<?>) m.get("per_layer")).size());
        assertEquals(2996, Files.readAllLines(out.resolve("predictions.csv")).size(), "header + one row per node");
        String html = Files.readString(out.resolve("report.html"));
        assertEquals(3, html.split("<svg ", -1).length - 1);
        assertTrue(Files.exists(out.resolve("model.flck")) && Files.exists(out.resolve("metrics.csv")));
        assertTrue(r.out().contains("| layer |"), "per-layer table: " + r.out());

        Path link = tmp.resolve("link");
        ok("gnn", "train", "--task", "link", "--dataset", "citationfull-citeseer", "--method", "fl-ce", "--layers", "1",
                "--epochs", "2", "--data-dir", data().toString(), "--out", link.toString());
        Map<String, Object> lm = result(link);
        assertTrue(num(lm, "test_auc") > 0 && num(lm, "val_auc") > 0 && num(lm, "test_ap") > 0, lm.toString());
    }

    @Test
    void gnnTableResumesFinishedRuns() throws Exception {
        Path out = tmp.resolve("table");
        String[] args = {"gnn", "table", "--datasets", "citationfull-cora_ml", "--methods", "sf", "--convs", "gcn", "--layers", "1",
                "--splits", "0-1", "--epochs", "2", "--data-dir", data().toString(), "--out", out.toString()};
        CliRun first = ok(args);
        assertTrue(first.out().contains("| citationfull-cora_ml | sf"), first.out());
        assertTrue(Files.exists(out.resolve("table.md")) && Files.exists(out.resolve("table.csv")));
        CliRun again = ok(args);
        assertEquals(2, again.err().lines().filter(l -> l.contains("skipped")).count(), again.err());
        assertEquals(first.out(), again.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void gnnTableAndTrainTakeTheDfaGnnSplitProtocolAndWriteTheIndexFiles() throws Exception {
        Path out = tmp.resolve("dfa");
        CliRun t = ok("gnn", "table", "--datasets", "cora", "--methods", "lpf", "--convs", "gcn", "--layers", "1", "--hidden", "16",
                "--split-protocol", "random-60-20-20", "--splits", "0-1", "--epochs", "2", "--data-dir", data().toString(),
                "--out", out.toString());
        assertTrue(t.out().contains("95 % CI") && t.out().matches("(?s).*\\| cora +\\| lpf .*"), t.out());
        Map<String, Object> s0 = JsonFiles.read(out.resolve("splits").resolve("cora_s0.json"));
        assertEquals(List.of(1624, 541, 543), s0.get("sizes"));
        assertEquals("random-60-20-20", s0.get("protocol"));
        assertTrue(Files.exists(out.resolve("runs").resolve("cora_lpf_gcn_L1_s1_random-60-20-20.json")));
        Path train = tmp.resolve("dfa-train");
        ok("gnn", "train", "--dataset", "cora", "--method", "sf", "--layers", "1", "--hidden", "16", "--epochs", "2", "--split", "0",
                "--split-protocol", "random-60-20-20", "--data-dir", data().toString(), "--out", train.toString());
        assertEquals(s0.get("test"), JsonFiles.read(train.resolve("split.json")).get("test"), "same split in table and train");
        CliRun bad = CliRun.of("gnn", "train", "--dataset", "cora", "--split-protocol", "dfa", "--data-dir", data().toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("--split-protocol: expected one of"), bad.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void gnnTableTakesShallowGreedyModelsFromTheDeepestRun() throws Exception {
        Path out = tmp.resolve("prefix");
        ok("gnn", "table", "--datasets", "citationfull-cora_ml", "--methods", "sf,bp", "--convs", "gcn", "--layers", "1-2",
                "--splits", "0", "--epochs", "4", "--data-dir", data().toString(), "--out", out.toString());
        Path runs = out.resolve("runs");
        assertTrue(Files.exists(runs.resolve("citationfull-cora_ml_sf_gcn_L2_s0.json")));
        assertFalse(Files.exists(runs.resolve("citationfull-cora_ml_sf_gcn_L1_s0.json")), "sf depth 1 comes from the depth-2 run");
        assertTrue(Files.exists(runs.resolve("citationfull-cora_ml_bp_gcn_L1_s0.json")), "bp is trained at every depth");
        Path one = tmp.resolve("sf1");
        ok("gnn", "train", "--dataset", "citationfull-cora_ml", "--method", "sf", "--layers", "1", "--epochs", "4",
                "--data-dir", data().toString(), "--out", one.toString());
        List<Map<String, Object>> rows = (List<Map<String, Object>>) JsonFiles.read(out.resolve("table.json")).get("rows");
        Map<String, Object> sf1 = rows.stream().filter(r -> r.get("method").equals("sf") && num(r, "layers") == 1).findFirst().orElseThrow();
        assertEquals(2, num(sf1, "from_layers"));
        assertEquals(num(result(one), "test_accuracy"), num(sf1, "test_accuracy_mean"), 0.0, "derived depth 1 = a 1-layer run");
        assertEquals(num(result(one), "val_accuracy"), num(sf1, "val_accuracy_mean"), 0.0);
        assertEquals(4, rows.size());
    }

    @Test
    void divergedTrainingIsAOneLineErrorAndATableGoesOn() {
        CliRun train = CliRun.of("gnn", "train", "--dataset", "citationfull-cora_ml", "--layers", "1", "--epochs", "4", "--lr", "1e200",
                "--data-dir", data().toString());
        assertEquals(Main.EXIT_FAILURE, train.code(), train.toString());
        assertTrue(train.err().lines().filter(l -> l.startsWith("forwardlearn: ")).allMatch(l -> l.contains("diverged")), train.toString());
        assertFalse(train.err().contains("\tat "));
        CliRun table = CliRun.of("gnn", "table", "--datasets", "citationfull-cora_ml", "--methods", "sf", "--convs", "gcn", "--layers",
                "1", "--splits", "0", "--epochs", "4", "--lr", "1e200", "--data-dir", data().toString());
        assertEquals(Main.EXIT_FAILURE, table.code(), table.toString());
        assertTrue(table.out().contains("| citationfull-cora_ml | sf"), "the table is still printed: " + table);
        assertTrue(table.err().contains("1 of 1 runs failed"), table.toString());
    }

    @Test
    void physicalTrainCompareAndResumeErrors() throws Exception {
        Path out = tmp.resolve("phys");
        ok("physical", "train", "--dataset", "vowels", "--system", "acoustic", "--blocks", "2", "--epochs", "2", "--seed", "1",
                "--data-dir", data().toString(), "--out", out.toString());
        Map<String, Object> m = result(out);
        assertTrue(num(m, "test_accuracy") >= 0 && num(m, "device_queries") > 0 && num(m, "digital_macs") > 0, m.toString());
        assertTrue(m.containsKey("val_accuracy"));
        assertTrue(Files.exists(out.resolve("pff-checkpoint.bin")));
        CliRun resumed = ok("physical", "train", "--dataset", "vowels", "--system", "acoustic", "--blocks", "2", "--epochs", "2",
                "--seed", "1", "--data-dir", data().toString(), "--out", out.toString(), "--resume");
        assertEquals(num(m, "test_accuracy"), num(result(out), "test_accuracy"), 1e-12, "resuming a finished run: " + resumed);
        Path cmp = tmp.resolve("cmp");
        CliRun c = ok("physical", "compare", "--dataset", "vowels", "--methods", "logreg,pff", "--epochs", "1", "--data-dir",
                data().toString(), "--out", cmp.toString());
        assertTrue(c.out().contains("| logreg") && c.out().contains("| pff"), c.out());
        assertTrue(Files.exists(cmp.resolve("pff-s0/result.json")));
        CliRun bad = CliRun.of("physical", "train", "--dataset", "vowels", "--resume");
        assertEquals(Main.EXIT_USAGE, bad.code(), bad.toString());
        assertEquals(1, bad.errLines());
        assertTrue(String.valueOf(m.get("provenance")).contains("vowel_protocol=paper"), "default protocol recorded: " + m);
        Path mw = tmp.resolve("mw");
        ok("physical", "train", "--dataset", "vowels", "--system", "microwave", "--epochs", "1", "--data-dir", data().toString(),
                "--out", mw.toString());
        Map<String, Object> mwr = result(mw);
        assertTrue(String.valueOf(mwr.get("provenance")).contains("blocks=3"), "the paper's microwave network has 3 blocks: " + mwr);
        assertEquals(3 * 7, num(mwr, "device_queries"), 1e-9,
                "one measure call per block per batch (positives and negatives stacked), 7 batches of the 206 training tokens: " + mwr);
        Path old = tmp.resolve("old-protocol");
        ok("physical", "train", "--dataset", "vowels", "--method", "logreg", "--epochs", "2", "--vowel-protocol", "token/global",
                "--data-dir", data().toString(), "--out", old.toString());
        assertTrue(String.valueOf(result(old).get("provenance")).contains("vowel_protocol=token/global"), result(old).toString());
        CliRun badProtocol = CliRun.of("physical", "train", "--dataset", "vowels", "--vowel-protocol", "speaker/talker",
                "--data-dir", data().toString());
        assertEquals(Main.EXIT_USAGE, badProtocol.code(), badProtocol.toString());
        assertTrue(badProtocol.err().contains("token|talker") && badProtocol.err().contains("speaker"), badProtocol.toString());
    }

    @Test
    void deviceServeAndTrainOverTheWire() throws Exception {
        Path token = tmp.resolve("token");
        Files.writeString(token, "lab-secret\n");
        Path portFile = tmp.resolve("port");
        CliRun[] served = new CliRun[1];
        Thread server = new Thread(() -> served[0] = CliRun.of("device", "serve", "--system", "acoustic", "--port", "0", "--port-file",
                portFile.toString(), "--token-file", token.toString(), "--duration", "120", "--data-dir", data().toString()));
        server.start();
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(portFile) && System.nanoTime() < deadline) Thread.sleep(50);
            int port = Integer.parseInt(Files.readString(portFile).trim());
            Path out = tmp.resolve("hil");
            ok("physical", "train", "--dataset", "vowels", "--epochs", "1", "--device", "tcp://127.0.0.1:" + port, "--token-file",
                    token.toString(), "--data-dir", data().toString(), "--out", out.toString());
            assertTrue(num(result(out), "device_queries") > 0);
            CliRun noToken = CliRun.of("physical", "train", "--dataset", "vowels", "--epochs", "1", "--device",
                    "tcp://127.0.0.1:" + port, "--data-dir", data().toString());
            assertEquals(1, noToken.code(), noToken.toString());
            assertEquals(1, noToken.err().lines().filter(l -> l.startsWith("forwardlearn: ")).count(), noToken.toString());
            assertFalse(noToken.err().contains("\tat "), noToken.toString());
            assertTrue(noToken.err().contains("token"), noToken.toString());
        } finally {
            server.interrupt();
            server.join(30_000);
        }
        assertFalse(server.isAlive());
        assertEquals(0, served[0].code(), served[0].toString());
        assertTrue(served[0].out().contains("serving acoustic on tcp://127.0.0.1:"), served[0].toString());
    }

    @Test
    void benchWritesBenchJson() throws Exception {
        Path out = tmp.resolve("bench");
        ok("bench", "gnn", "--dataset", "citationfull-cora_ml", "--method", "sf", "--conv", "gcn", "--layers", "2", "--split", "0",
                "--epochs", "2", "--repeat", "2", "--warmup", "0", "--data-dir", data().toString(), "--out", out.toString());
        Map<String, Object> b = JsonFiles.read(out.resolve("bench.json"));
        for (String k : List.of("median_seconds", "seconds_per_epoch", "peak_rss_mb", "peak_heap_mb", "test_accuracy", "threads")) {
            assertTrue(b.get(k) instanceof Number, k + " in " + b);
        }
        assertTrue(b.get("backend") instanceof String);
        assertEquals(2, ((List<?>) b.get("seconds_per_epoch_per_layer")).size());
        Map<?, ?> spread = (Map<?, ?>) b.get("spread");
        assertTrue(((Number) spread.get("min")).doubleValue() <= ((Number) spread.get("max")).doubleValue());
        assertEquals(4, ((Number) b.get("epochs")).intValue(), "fixed 2 epochs x 2 layers");
        assertTrue(b.get("probe_peak_heap_mb") instanceof Number, "forwardgnn MemoryProbe between layers: " + b);

        Path pout = tmp.resolve("bench-phys");
        ok("bench", "physical", "--dataset", "vowels", "--epochs", "1", "--repeat", "1", "--warmup", "0", "--data-dir",
                data().toString(), "--out", pout.toString());
        assertTrue(JsonFiles.read(pout.resolve("bench.json")).get("median_seconds") instanceof Number);
    }
}
