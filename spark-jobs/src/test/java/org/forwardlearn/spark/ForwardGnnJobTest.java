package org.forwardlearn.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.forwardlearn.spark.input.GraphConversion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spark-submit job's command line: --help, one-line usage errors (exit 2), bad input named before training
 * (exit 1), and a good run through spark-submit (a separate JVM with Spark's own default logging set-up, the job's
 * log4j2 config applied by the job) printing the result table within 100 lines in all.
 */
class ForwardGnnJobTest {
    record Run(int code, String out, String err) {}

    static Run exec(SparkSession spark, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = ForwardGnnJob.execute(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), spark);
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpAndUsageErrors(@TempDir Path dir) throws Exception {
        Run help = exec(null, "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("--nodes=PATH") && help.out().contains("--validate-every=K") && help.out().contains("Exit codes"),
                help.out());
        String[][] bad = {
            {"--nodes", "n"},
            {"--nodes", "n", "--edges", "e", "--out", "o", "--bogus"},
            {"--nodes", "n", "--edges", "e", "--out", "o", "--layers", "two"},
            {"--nodes", "n", "--edges", "e", "--out", "o", "--conv", "gin"},
            {"--nodes", "n", "--edges", "e", "--out", "o", "--task", "link"},
            {"--nodes", "n", "--edges", "e", "--out", "o", "--lr", "0"},
            {"--nodes", "n", "--edges", "e", "--out", "o", "--features-norm", "row_sum"},
        };
        String[] expect = {"Missing required options: '--edges=PATH', '--out=DIR'", "Unknown option: '--bogus'",
            "Invalid value for option '--layers': 'two' is not an int", "Expected --conv gcn|sage|gat (got 'gin')",
            "Expected --task node (got 'link')", "Expected --lr > 0 (got 0.0)",
            "Expected --features-norm none|row-sum|row-l2|standardize (got 'row_sum')"};
        for (int i = 0; i < bad.length; i++) {
            Run r = exec(null, bad[i]);
            assertEquals(2, r.code(), r.err());
            assertEquals("ForwardGnnJob: " + expect[i] + " (see --help)" + System.lineSeparator(), r.err(), "one line");
            assertEquals("", r.out());
        }
        // Bad input: a missing feature value is named before any training, exit 1 (no stack trace, no retried NPE).
        Files.writeString(dir.resolve("n.csv"), "id,label,split,a,b\n0,0,train,1,0\n1,1,train,0.5,\n2,1,test,0,1\n");
        Files.writeString(dir.resolve("e.csv"), "src,dst\n0,1\n1,2\n");
        Run r = exec(SharedSpark.get(), "--nodes", dir.resolve("n.csv").toString(), "--edges", dir.resolve("e.csv").toString(),
                "--out", dir.resolve("out").toString(), "--format", "csv");
        assertEquals(1, r.code());
        assertEquals("ForwardGnnJob: Expected a number in nodes column 'b' (got an empty value) on line 3 (id 1) of " + dir.resolve("n.csv")
                + System.lineSeparator(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(Files.exists(dir.resolve("out/model.flck")), "nothing trained");
    }

    /** spark-submit (local[2]) of a small CSBM graph: exit 0, result table, at most 100 lines of output at the default level. */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void goodRunThroughSparkSubmitIsShort(@TempDir Path dir) throws Exception {
        SparkSession spark = SharedSpark.get();
        Graph g = MlApiTest.csbm();
        NodeSplit split = NodeSplit.random(g.labels(), 0.6, 0.2, 1);
        GraphConversion.nodes(spark, g, split, 2).write().parquet(dir.resolve("nodes").toString());
        GraphConversion.edges(spark, g, 2).write().parquet(dir.resolve("edges").toString());
        List<String> cp = new ArrayList<>();
        cp.add(StandaloneClusterTest.classesDir().toString());
        for (Path p : StandaloneClusterTest.readClasspath("forwardlearn.spark.jobcp", "target/job-classpath.txt")) cp.add(p.toString());
        for (Path p : StandaloneClusterTest.readClasspath("forwardlearn.spark.sparkcp", "target/spark-classpath.txt")) cp.add(p.toString());
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(e).getFileName().toString().startsWith("log4j-") && e.endsWith(".jar") && !cp.contains(e)) cp.add(e);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", String.join(File.pathSeparator, cp), "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.ui.enabled=false",
                "--conf", "spark.sql.shuffle.partitions=4", "--class", ForwardGnnJob.class.getName(), "spark-internal",
                "--nodes", dir.resolve("nodes").toString(), "--edges", dir.resolve("edges").toString(), "--out", dir.resolve("out").toString(),
                "--layers", "2", "--hidden", "16", "--epochs", "40", "--validate-every", "2", "--patience", "0", "--lr", "0.01",
                "--partitions", "2", "--dataset-id", "csbm-600", "--features-norm", "row-l2"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("submit.log").toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the job ends within 240 s");
        } finally {
            p.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(dir.resolve("submit.log"));
        String all = String.join("\n", lines);
        System.out.printf("job: a good spark-submit run printed %d lines:%n%s%n", lines.size(), all);
        assertEquals(0, p.exitValue(), all);
        assertTrue(lines.size() <= 100, "at most 100 lines (got " + lines.size() + ")");
        assertTrue(all.contains("layer    epochs  best epoch  best val    seconds"), all);
        assertTrue(all.matches("(?s).*accuracy: train \\d\\.\\d{4}, val \\d\\.\\d{4}, test \\d\\.\\d{4}.*"), all);
        assertTrue(all.contains("INFO  JobProgress - layer 1 epoch"), "progress at INFO: " + all);
        // Spark logs its version at INFO before spark.log.level applies (3 lines); after that only WARN and up from Spark.
        int quiet = lines.indexOf("Setting Spark log level to \"WARN\".");
        assertTrue(quiet >= 0 && quiet <= 8, "spark.log.level applied at the start: " + all);
        assertTrue(lines.subList(quiet, lines.size()).stream().noneMatch(l -> l.matches(".* INFO (?!( )?(JobProgress|ForwardGnnJob|Distributed|NodePartitioning)).*")),
                "no Spark INFO lines once the context is up: " + all);
        assertTrue(Files.exists(dir.resolve("out/result.json")));
        String result = Files.readString(dir.resolve("out/result.json"));
        assertTrue(result.contains("\"features_norm\" : \"row-l2\""), "the rule is in the provenance: " + result);
        assertTrue(result.contains("\"layer\" : 1,") && !result.contains("\"layer\" : 0,"), "1-based layers: " + result);
    }
}
