package org.forwardlearn.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.spark.input.GraphConversion;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real standalone cluster (master + 2 workers + their executors, separate JVMs, loopback only) started by
 * bin/local-cluster.sh; the job goes through spark-submit. Run 1 trains 2 SF-GCN layers on Planetoid Cora;
 * run 2 kills one executor mid-training and must finish with the same predictions. Every process started
 * is stopped in finally, by PID.
 */
@Tag("cluster")
class StandaloneClusterTest {
    static final String[] JOB = {"--conv", "gcn", "--layers", "2", "--hidden", "32", "--partitions", "4", "--epochs", "40",
            "--patience", "20", "--lr", "0.005", "--seed", "3", "--dataset-id", "cora"};

    @Test
    @Timeout(value = 900, unit = TimeUnit.SECONDS)
    void submitTwoLayerJobAndSurviveAnExecutorLoss() throws Exception {
        Path work = Path.of(System.getProperty("forwardlearn.spark.work", "target/cluster-test")).toAbsolutePath();
        Path script = Path.of(System.getProperty("forwardlearn.spark.script", "bin/local-cluster.sh")).toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        Files.writeString(work.resolve("cp.txt"), System.getProperty("java.class.path"));
        Path jar = appJar(work.resolve("app.jar"));
        SparkSession spark = SharedSpark.get();
        Graph g = SharedSpark.cora();
        GraphConversion.nodes(spark, g, g.publicSplit().orElseThrow(), 2).write().parquet(work.resolve("nodes").toString());
        GraphConversion.edges(spark, g, 2).write().parquet(work.resolve("edges").toString());
        Map<String, String> env = Map.of("FL_CLUSTER_DIR", work.resolve("cluster").toString(), "FL_CLASSPATH_FILE",
                work.resolve("cp.txt").toString(), "FL_MASTER_PORT", Integer.toString(freePort()), "FL_APP_JAR", jar.toString());
        List<Process> started = new ArrayList<>();
        try {
            assertEquals(0, run(script, env, work.resolve("start.log"), started, "start").waitFor(), "cluster start; see " + work);
            Process first = run(script, env, work.resolve("submit1.log"), started, args("submit", work, "out1"));
            assertEquals(0, first.waitFor(), "first submit; see " + work.resolve("submit1.log"));
            Map<Long, Integer> p1 = predictions(spark, work.resolve("out1"));
            assertEquals(g.numNodes(), p1.size());
            String result = Files.readString(work.resolve("out1/result.json"));
            assertTrue(result.contains("\"test_accuracy\""), result);
            assertTrue(Files.exists(work.resolve("out1/model.flck")));

            Process second = run(script, env, work.resolve("submit2.log"), started, args("submit", work, "out2"));
            long killed = killOneExecutorDuringTraining(work, second);
            assertEquals(0, second.waitFor(), "second submit; see " + work.resolve("submit2.log"));
            assertTrue(killed > 0, "an executor was killed mid-job");
            assertEquals(p1, predictions(spark, work.resolve("out2")), "same predictions after losing an executor");
            System.out.println("standalone cluster: 2 runs equal; killed executor PID " + killed);
        } finally {
            run(script, env, work.resolve("stop.log"), new ArrayList<>(), "stop").waitFor(120, TimeUnit.SECONDS);
            for (Process p : started) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    static String[] args(String cmd, Path work, String out) {
        List<String> a = new ArrayList<>(List.of(cmd, "--nodes", work.resolve("nodes").toString(), "--edges",
                work.resolve("edges").toString(), "--out", work.resolve(out).toString()));
        a.addAll(List.of(JOB));
        return a.toArray(new String[0]);
    }

    static Process run(Path script, Map<String, String> env, Path log, List<Process> started, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /** Waits for layer 0's training to start in the driver log, then kills one executor JVM (a worker's child). */
    static long killOneExecutorDuringTraining(Path work, Process driver) throws Exception {
        Path log = work.resolve("submit2.log");
        for (int i = 0; i < 600 && driver.isAlive(); i++) {
            if (Files.exists(log) && Files.readString(log).contains("layer 0: aggregated")) break;
            Thread.sleep(200);
        }
        Thread.sleep(1500);
        for (String w : new String[] {"worker1.pid", "worker2.pid"}) {
            long pid = Long.parseLong(Files.readString(work.resolve("cluster").resolve(w)).trim());
            var exec = ProcessHandle.of(pid).flatMap(h -> h.children().findFirst());
            if (exec.isPresent()) {
                exec.get().destroyForcibly();
                return exec.get().pid();
            }
        }
        return -1;
    }

    static Map<Long, Integer> predictions(SparkSession spark, Path out) {
        Map<Long, Integer> m = new TreeMap<>();
        for (Row r : spark.read().parquet(out.resolve("predictions").toString()).select("id", "prediction").collectAsList()) {
            m.put(r.getLong(0), r.getInt(1));
        }
        return m;
    }

    /** The application jar: this module's classes (the workers' SPARK_HOME/jars hold every dependency jar). */
    static Path appJar(Path jar) throws IOException {
        Path classes = Path.of(org.forwardlearn.spark.ForwardGnnJob.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
        return jar;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) { return s.getLocalPort(); }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(f);
        }
    }
}
