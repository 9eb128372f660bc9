package org.forwardlearn.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.forwardlearn.cli.io.JsonFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gnn train --nodes --edges} and {@code gnn predict} on a small planted-partition graph with string ids, in CSV
 * and Parquet, and their errors: usage errors exit 2, bad tables exit 1 with one line naming the file and line.
 */
class OwnGraphCliTest {
    @TempDir Path tmp;

    /** 400 nodes, 4 classes, degree 8, homophily 0.8, 8 signed Gaussian features; ids "u" + a random number. */
    static void planted(Path dir, boolean withTest) throws Exception {
        Random r = new Random(5);
        int n = 400, c = 4, f = 8;
        int[] y = new int[n];
        String[] split = new String[n], id = new String[n];
        double[][] mu = new double[c][f];
        for (double[] m : mu) for (int j = 0; j < f; j++) m[j] = r.nextGaussian();
        StringBuilder nodes = new StringBuilder("id,label,split");
        for (int j = 0; j < f; j++) nodes.append(",x").append(j);
        nodes.append('\n');
        for (int i = 0; i < n; i++) {
            y[i] = i % c;
            id[i] = "u" + (100_000 + 37L * i + r.nextInt(30));
            double t = r.nextDouble();
            split[i] = t < 0.6 ? "train" : t < 0.8 ? "val" : "test";
            if (!withTest && split[i].equals("test")) continue;
            nodes.append(id[i]).append(',').append(y[i]).append(',').append(split[i]);
            for (int j = 0; j < f; j++) nodes.append(',').append(0.6 * mu[y[i]][j] + r.nextGaussian());
            nodes.append('\n');
        }
        StringBuilder edges = new StringBuilder("src,dst\n");
        for (int e = 0; e < n * 4; e++) {
            int u = r.nextInt(n), v = r.nextInt(n);
            if (r.nextDouble() < 0.8) v = (v - v % c) + y[u];
            if (v >= n || v == u) continue;
            if (!withTest && (split[u].equals("test") || split[v].equals("test"))) continue;
            edges.append(id[u]).append(',').append(id[v]).append('\n');
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("nodes.csv"), nodes);
        Files.writeString(dir.resolve("edges.csv"), edges);
    }

    static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.code(), r.toString());
        return r;
    }

    @Test
    void trainOnOwnTablesThenPredictTheWholeGraphInductively() throws Exception {
        Path all = tmp.resolve("all"), part = tmp.resolve("part");
        planted(all, true);
        planted(part, false);
        String[] fast = {"--hidden", "32", "--epochs", "80", "--patience", "10", "--lr", "0.01", "--seed", "3"};
        Path run = tmp.resolve("run");
        CliRun t = ok(concat(new String[] {"gnn", "train", "--nodes", all.resolve("nodes.csv").toString(), "--edges",
                all.resolve("edges.csv").toString(), "--out", run.toString()}, fast));
        assertTrue(t.err().contains("split: column 'split' of"), t.err());
        Map<String, Object> res = JsonFiles.read(run.resolve("result.json"));
        double trans = ((Number) res.get("test_accuracy")).doubleValue();
        assertTrue(trans > 0.7, "well above chance 0.25 (got " + trans + ")");
        assertEquals("none", res.get("features_norm"));
        List<String> pred = Files.readAllLines(run.resolve("predictions.csv"));
        assertTrue(pred.get(0).startsWith("id,label,split,predicted,correct,score_0"), pred.get(0));
        assertTrue(pred.get(1).startsWith("u"), "the user's ids are kept: " + pred.get(1));
        assertEquals(401, pred.size());

        Path run80 = tmp.resolve("run80"), out = tmp.resolve("pred");
        ok(concat(new String[] {"gnn", "train", "--nodes", part.resolve("nodes.csv").toString(), "--edges",
                part.resolve("edges.csv").toString(), "--out", run80.toString()}, fast));
        ok("gnn", "predict", "--model", run80.resolve("model.flck").toString(), "--nodes", all.resolve("nodes.csv").toString(),
                "--edges", all.resolve("edges.csv").toString(), "--out", out.toString());
        Map<String, Object> p = JsonFiles.read(out.resolve("result.json"));
        double ind = ((Number) ((Map<?, ?>) p.get("accuracy")).get("test")).doubleValue();
        System.out.printf("own-graph CLI (400 nodes): transductive test %.4f, inductive on unseen test nodes %.4f%n", trans, ind);
        assertTrue(ind > 0.7, "unseen nodes far above chance 0.25 (got " + ind + ")");
        assertEquals(trans, ind, 0.1);
    }

    @Test
    void parquetInputAndStandardize() throws Exception {
        Path all = tmp.resolve("all"), pq = tmp.resolve("pq");
        planted(all, true);
        var g = org.forwardlearn.datasets.table.TableGraphReader.readCsv(all.resolve("nodes.csv"), all.resolve("edges.csv"),
                org.forwardlearn.datasets.table.TableOptions.defaults());
        org.forwardlearn.datasets.parquet.ParquetTables.write(g, pq);
        Path run = tmp.resolve("run");
        ok("gnn", "train", "--nodes", pq.resolve("nodes.parquet").toString(), "--edges", pq.resolve("edges.parquet").toString(),
                "--features-norm", "standardize", "--conv", "sage", "--hidden", "16", "--epochs", "30", "--out", run.toString());
        Map<String, Object> res = JsonFiles.read(run.resolve("result.json"));
        assertEquals("standardize", res.get("features_norm"));
        Path ff = tmp.resolve("ff");
        ok("gnn", "train", "--nodes", all.resolve("nodes.csv").toString(), "--edges", all.resolve("edges.csv").toString(),
                "--method", "ff-la", "--hidden", "16", "--epochs", "10", "--out", ff.toString());
        assertEquals("id,label,split,predicted,correct", Files.readAllLines(ff.resolve("predictions.csv")).get(0), "no scores for ff-la");
        CliRun noPredict = CliRun.of("gnn", "predict", "--model", ff.resolve("model.flck").toString(), "--nodes", all.resolve("nodes.csv").toString(),
                "--edges", all.resolve("edges.csv").toString(), "--out", tmp.resolve("ffp").toString());
        assertEquals(1, noPredict.code(), noPredict.toString());
        assertTrue(noPredict.err().contains("Expected a node model trained with method sf for predict (got task node, method ff-la)"), noPredict.err());
        assertEquals("standardize", ((Map<?, ?>) ((Map<?, ?>) res.get("provenance")).get("config")).get("features_norm"));
        ok("gnn", "train", "--task", "link", "--nodes", all.resolve("nodes.csv").toString(), "--edges", all.resolve("edges.csv").toString(),
                "--hidden", "16", "--epochs", "20", "--out", tmp.resolve("link").toString());
        Files.writeString(tmp.resolve("pairs.csv"), "src,dst\n" + g.ids().get(0) + "," + g.ids().get(1) + "\n");
        ok("gnn", "predict", "--model", tmp.resolve("link/model.flck").toString(), "--nodes", all.resolve("nodes.csv").toString(),
                "--edges", all.resolve("edges.csv").toString(), "--pairs", tmp.resolve("pairs.csv").toString(), "--out", tmp.resolve("lp").toString());
        List<String> s = Files.readAllLines(tmp.resolve("lp/pair_scores.csv"));
        assertEquals("src,dst,score", s.get(0));
        assertTrue(s.get(1).startsWith(g.ids().get(0) + "," + g.ids().get(1) + ","), s.get(1));
    }

    @Test
    void usageErrorsExit2AndBadTablesExit1WithOneLine() throws Exception {
        Path all = tmp.resolve("all");
        planted(all, true);
        String n = all.resolve("nodes.csv").toString(), e = all.resolve("edges.csv").toString();
        long t0 = System.nanoTime();
        CliRun r = CliRun.of("gnn", "train", "--nodes", n, "--edges", e, "--features-norm", "l1");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--features-norm: expected one of [none, row-sum, row-l2, standardize] (got 'l1')"), r.err());
        assertEquals(2, CliRun.of("gnn", "train", "--nodes", n).code());
        assertEquals(2, CliRun.of("gnn", "train", "--nodes", n, "--edges", e, "--format", "xls").code());
        assertEquals(2, CliRun.of("gnn", "train", "--nodes", n, "--edges", e, "--split", "1").code());
        assertTrue((System.nanoTime() - t0) / 1e9 < 20, "usage errors come before any training");
        Files.writeString(tmp.resolve("bad.csv"), "id,label,split,x\na,0,train,1\nb,1,val,oops\n");
        CliRun bad = CliRun.of("gnn", "train", "--nodes", tmp.resolve("bad.csv").toString(), "--edges", e);
        assertEquals(1, bad.code(), bad.toString());
        assertEquals(1, bad.errLines(), bad.toString());
        assertTrue(bad.err().contains("bad.csv (line 3): Expected a finite number in column 'x' (got 'oops')"), bad.err());
        CliRun refused = CliRun.of("gnn", "train", "--nodes", n, "--edges", e, "--features-norm", "row-sum");
        assertEquals(1, refused.code(), refused.toString());
        assertTrue(refused.err().contains("Expected feature rows with a positive sum for features-norm row-sum"), refused.err());
    }

    static String[] concat(String[] a, String[] b) {
        String[] o = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, o, a.length, b.length);
        return o;
    }
}
