package org.forwardlearn.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.spark.input.GraphConversion;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real standalone cluster (master + 2 workers + their executors, separate JVMs, loopback only) started by
 * bin/local-cluster.sh; the job goes through spark-submit. Run 1 trains a tiny 2-layer SF-GCN on Planetoid
 * Cora; run 2 (same cluster) kills one executor during layer 0 and must finish with the same predictions.
 *
 * <p>Nothing is taken from ~/.m2 while the cluster runs: first the Spark jars (provided scope) are copied into
 * the test folder and the job jar (this module's classes + its runtime dependencies, not Spark, not log4j) is
 * built there; master, workers (their SPARK_HOME/jars link to the copies) and spark-submit use only those.
 * Every started process (and the executors the workers fork) is killed by PID in finally and by a shutdown
 * hook; all logs go to files under target/cluster-test.
 */
@Tag("cluster")
class StandaloneClusterTest {
    private static final Logger LOG = LogManager.getLogger(StandaloneClusterTest.class);
    /** Small on purpose (CI budget): 2 layers of 16, 20 epochs, 4 partitions (training is seconds; setup dominates). */
    static final String[] JOB = {"--conv", "gcn", "--layers", "2", "--hidden", "16", "--partitions", "4", "--epochs", "20",
            "--patience", "0", "--validate-every", "5", "--lr", "0.02", "--seed", "3", "--dataset-id", "cora"};

    @Test
    @Timeout(value = 900, unit = TimeUnit.SECONDS)
    void submitTwoLayerJobAndSurviveAnExecutorLoss() throws Exception {
        Path work = Path.of(System.getProperty("forwardlearn.spark.work", "target/cluster-test")).toAbsolutePath();
        Path script = Path.of(System.getProperty("forwardlearn.spark.script", "bin/local-cluster.sh")).toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        long t0 = System.nanoTime();
        List<Path> sparkCp = new ArrayList<>(readClasspath("forwardlearn.spark.sparkcp", "target/spark-classpath.txt"));
        // Log4j 2 (api from our runtime scope, core from test scope) is what a Spark distribution ships in jars/.
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            if (p.getFileName().toString().startsWith("log4j-") && e.endsWith(".jar") && !sparkCp.contains(p)) sparkCp.add(p);
        }
        List<Path> sparkJars = copyAll(sparkCp, work.resolve("lib/spark"));
        Files.writeString(work.resolve("cp.txt"), String.join(":", sparkJars.stream().map(Path::toString).toList()));
        List<Path> jobParts = new ArrayList<>();
        jobParts.add(classesDir());
        jobParts.addAll(copyAll(readClasspath("forwardlearn.spark.jobcp", "target/job-classpath.txt"), work.resolve("lib/job")));
        Path jar = jobJar(work.resolve("forwardlearn-spark-job.jar"), jobParts);
        LOG.info("cluster test: {} Spark jars copied, job jar {} ({} KB) built in {} s", sparkJars.size(), jar,
                Files.size(jar) / 1024, String.format("%.1f", (System.nanoTime() - t0) * 1e-9));

        SparkSession spark = SharedSpark.get();
        Graph g = SharedSpark.cora();
        GraphConversion.nodes(spark, g, g.publicSplit().orElseThrow(), 2).write().parquet(work.resolve("nodes").toString());
        GraphConversion.edges(spark, g, 2).write().parquet(work.resolve("edges").toString());
        Path clusterDir = work.resolve("cluster");
        Map<String, String> env = Map.of("FL_CLUSTER_DIR", clusterDir.toString(), "FL_CLASSPATH_FILE",
                work.resolve("cp.txt").toString(), "FL_MASTER_PORT", Integer.toString(freePort()), "FL_APP_JAR", jar.toString(),
                "FL_SUBMIT_CONF", "--conf spark.sql.shuffle.partitions=4 --conf spark.default.parallelism=4");
        List<Process> started = new ArrayList<>();
        Thread reaper = new Thread(() -> killAll(started, clusterDir), "cluster-test-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            long t1 = System.nanoTime();
            assertEquals(0, run(script, env, work.resolve("start.log"), started, "start").waitFor(), "cluster start; see " + work);
            long t2 = System.nanoTime();
            Process first = run(script, env, work.resolve("submit1.log"), started, args("submit", work, "out1"));
            assertEquals(0, first.waitFor(), "first submit; see " + work.resolve("submit1.log"));
            long t3 = System.nanoTime();
            Map<Long, Integer> p1 = predictions(spark, work.resolve("out1"));
            assertEquals(g.numNodes(), p1.size());
            String result = Files.readString(work.resolve("out1/result.json"));
            assertTrue(result.contains("\"test_accuracy\""), result);
            assertTrue(Files.exists(work.resolve("out1/model.flck")));
            double test = testAccuracy(spark, work.resolve("out1"));
            // Deterministic (fixed seed, sums in partition order). The largest Cora class is ~0.3 of the test nodes.
            assertTrue(test > 0.5, "a trained model is well above the majority class on Cora (got " + test + ")");

            Process second = run(script, env, work.resolve("submit2.log"), started, args("submit", work, "out2"));
            long killed = killOneExecutorDuringTraining(work.resolve("submit2.log"), clusterDir, second);
            assertEquals(0, second.waitFor(), "second submit; see " + work.resolve("submit2.log"));
            long t4 = System.nanoTime();
            assertTrue(killed > 0, "an executor was killed mid-job");
            assertTrue(java.util.regex.Pattern.compile("(?i)lost executor|executor lost").matcher(Files.readString(work.resolve("submit2.log"))).find(),
                    "the driver saw the executor loss");
            assertEquals(p1, predictions(spark, work.resolve("out2")), "same predictions after losing an executor");
            LOG.info("standalone cluster: test accuracy {}, runs equal; killed executor PID {}; start {} s, run 1 {} s, run 2 {} s",
                    String.format("%.4f", test), killed, secs(t1, t2), secs(t2, t3), secs(t3, t4));
        } finally {
            killAll(started, clusterDir);
            try {
                run(script, env, work.resolve("stop.log"), new ArrayList<>(), "stop").waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException | IOException e) {
                LOG.warn("cluster stop script: {}", e.toString());
            }
            Runtime.getRuntime().removeShutdownHook(reaper);
        }
    }

    private static String secs(long a, long b) { return String.format("%.1f", (b - a) * 1e-9); }

    /** Kills master, workers, their executors and every process this test started, by PID; never waits long. */
    static void killAll(List<Process> started, Path clusterDir) {
        for (String f : new String[] {"worker1.pid", "worker2.pid", "master.pid"}) {
            try {
                Path p = clusterDir.resolve(f);
                if (!Files.exists(p)) continue;
                ProcessHandle.of(Long.parseLong(Files.readString(p).trim())).ifPresent(h -> {
                    h.descendants().forEach(ProcessHandle::destroyForcibly);
                    h.destroyForcibly();
                });
            } catch (IOException | NumberFormatException e) {
                LOG.warn("cannot read {}: {}", f, e.toString());
            }
        }
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
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
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        synchronized (started) { started.add(p); }
        return p;
    }

    /** Waits for layer 0's training to start in the driver log, then kills one executor JVM (a worker's child). */
    static long killOneExecutorDuringTraining(Path log, Path clusterDir, Process driver) throws Exception {
        for (int i = 0; i < 3000 && driver.isAlive(); i++) {
            if (Files.exists(log) && Files.readString(log).contains("layer 0: halo exchanged")) break;
            Thread.sleep(100);
        }
        for (String w : new String[] {"worker1.pid", "worker2.pid"}) {
            long pid = Long.parseLong(Files.readString(clusterDir.resolve(w)).trim());
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

    static double testAccuracy(SparkSession spark, Path out) {
        List<Row> r = spark.read().parquet(out.resolve("predictions").toString()).filter("split = 'test'")
                .selectExpr("avg(cast(prediction = label as double))").collectAsList();
        return r.get(0).getDouble(0);
    }

    static List<Path> readClasspath(String property, String fallback) throws IOException {
        Path f = Path.of(System.getProperty(property, fallback));
        assertTrue(Files.exists(f), "Expected the class path file " + f + " (written by maven-dependency-plugin at generate-test-resources)");
        List<Path> out = new ArrayList<>();
        for (String s : Files.readString(f).trim().split(java.io.File.pathSeparator)) if (!s.isBlank()) out.add(Path.of(s));
        return out;
    }

    static Path classesDir() {
        return Path.of(ForwardGnnJob.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    }

    /** Copies jars (and class folders) into dir under unique names; returns the copies in class path order. */
    static List<Path> copyAll(List<Path> from, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path p : from) {
            String name = p.getFileName().toString();
            if (!names.add(name)) name = out.size() + "-" + name;
            Path to = dir.resolve(name);
            if (Files.isDirectory(p)) copyTree(p, to);
            else Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
            out.add(to);
        }
        return out;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * A shaded job jar like the one {@code mvn package} builds: class folders and jars merged, first entry wins,
     * without signatures, module-info or log4j (Spark ships its own).
     */
    static Path jobJar(Path jar, List<Path> parts) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ForwardGnnJob.class.getName());
        Set<String> seen = new HashSet<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os, mf)) {
            seen.add("META-INF/MANIFEST.MF");
            for (Path part : parts) {
                String pn = part.getFileName().toString();
                if (pn.startsWith("log4j-")) continue;
                int n = 0;
                if (Files.isDirectory(part)) {
                    try (Stream<Path> files = Files.walk(part)) {
                        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                            String name = part.relativize(f).toString().replace('\\', '/');
                            if (keep(name) && seen.add(name)) {
                                j.putNextEntry(new JarEntry(name));
                                Files.copy(f, j);
                                j.closeEntry();
                                n++;
                            }
                        }
                    }
                } else {
                    try (JarFile in = new JarFile(part.toFile())) {
                        for (Enumeration<JarEntry> es = in.entries(); es.hasMoreElements(); ) {
                            JarEntry e = es.nextElement();
                            if (e.isDirectory() || !keep(e.getName()) || !seen.add(e.getName())) continue;
                            j.putNextEntry(new JarEntry(e.getName()));
                            try (InputStream is = in.getInputStream(e)) { is.transferTo(j); }
                            j.closeEntry();
                            n++;
                        }
                    }
                }
                counts.put(pn, n);
            }
        }
        LOG.info("job jar entries per part: {}", counts);
        return jar;
    }

    private static boolean keep(String name) {
        String u = name.toUpperCase(java.util.Locale.ROOT);
        return !(u.equals("META-INF/MANIFEST.MF") || u.endsWith("MODULE-INFO.CLASS") || (u.startsWith("META-INF/")
                && (u.endsWith(".SF") || u.endsWith(".DSA") || u.endsWith(".RSA"))));
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
