package org.forwardlearn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.forwardlearn.cli.io.JsonFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the launcher {@code bin/forwardlearn} as a user does, in a new process. Tests run before the shaded jar is
 * packaged, so the launcher is pointed (FORWARDLEARN_JAR, or the default location inside a copied checkout) at a
 * jar whose manifest names Main and this test's class path: the launcher's own logic (finding the jar and Java,
 * the Vector API flag, passing every argument through, the exit code) is what runs.
 */
class LauncherTest {
    @TempDir static Path shared;
    static Path launcher;
    static Path jar;

    @BeforeAll
    static void setUp() throws IOException {
        launcher = Path.of(System.getProperty("user.dir")).resolve("../bin/forwardlearn").normalize();
        assertTrue(Files.isRegularFile(launcher), "the launcher is at the repository root: " + launcher);
        assertTrue(Files.isExecutable(launcher), "and executable: " + launcher);
        jar = shared.resolve("forwardlearn-test.jar");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) cp.append(Path.of(entry).toAbsolutePath().toUri()).append(' ');
        }
        mf.getMainAttributes().put(Attributes.Name.CLASS_PATH, cp.toString().trim());
        try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, mf)) {
            j.flush();
        }
    }

    record Proc(int code, String out, String err) {}

    static Proc run(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(script.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("FORWARDLEARN_JAR");
        pb.environment().remove("FORWARDLEARN_JAVA_OPTS");
        pb.environment().remove("FORWARDLEARN_NO_VECTOR");
        pb.environment().remove("FORWARDLEARN_PLUGINS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("FORWARDLEARN_DATA", CommandsSmokeTest.data().toAbsolutePath().toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(shared, "out", ".txt"), err = Files.createTempFile(shared, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the launcher did not finish in 180 s: " + cmd);
        }
        return new Proc(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static Map<String, String> withJar() {
        return Map.of("FORWARDLEARN_JAR", jar.toString());
    }

    @Test
    void versionAndExitCodesPassThrough() throws Exception {
        Proc v = run(launcher, withJar(), "--version");
        assertEquals(0, v.code(), v.toString());
        assertTrue(v.out().startsWith("forwardlearn "), v.toString());
        Proc usage = run(launcher, withJar(), "gnn", "train", "--layers", "0");
        assertEquals(2, usage.code(), "the program's exit code: " + usage);
        assertTrue(usage.err().contains("forwardlearn: --layers: expected an integer >= 1 (got 0)"), usage.toString());
        Proc missing = run(launcher, withJar(), "data", "info", "cora", "--data-dir", shared.resolve("no-data").toString());
        assertEquals(1, missing.code(), missing.toString());
    }

    @SuppressWarnings("unchecked")
    static String backendOfDemo(Path out, Map<String, String> env) throws Exception {
        Proc r = run(launcher, env, "demo", "--nodes", "200", "--epochs", "3", "--seed", "1", "--progress", "none", "--out", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("test_accuracy"), r.toString());
        assertEquals("1".equals(env.get("FORWARDLEARN_NO_VECTOR")), r.err().contains("running without the Vector API"),
                "the slow path says so, the fast one does not: " + r);
        Map<String, Object> result = JsonFiles.read(out.resolve("result.json"));
        return (String) ((Map<String, Object>) result.get("provenance")).get("backend");
    }

    /**
     * A user's conv reaches {@code gnn train --conv NAME} as a plugin: a jar whose ServiceLoader file names its
     * {@code ConvFactory} ({@code DifferenceConv.Factory}, a message / aggregate / update conv), put on the class path by
     * FORWARDLEARN_PLUGINS. Without the plugin the name is a usage error; with it the conv trains by SF on Cora_ML.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aPluginConvTrainsFromTheCommandLineByName() throws Exception {
        assumeTrue(java.nio.file.Files.isDirectory(CommandsSmokeTest.data().resolve("citationfull")), "CitationFull data not available");
        Path plugin = shared.resolve("my-conv.jar");
        try (OutputStream o = Files.newOutputStream(plugin); JarOutputStream j = new JarOutputStream(o)) {
            j.putNextEntry(new java.util.jar.JarEntry("META-INF/services/org.forwardlearn.forwardgnn.layer.ConvFactory"));
            j.write((org.forwardlearn.cli.plugin.DifferenceConv.Factory.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        String[] args = {"gnn", "train", "--dataset", "citationfull-cora_ml", "--conv", org.forwardlearn.cli.plugin.DifferenceConv.NAME,
                "--layers", "1", "--hidden", "16", "--epochs", "30", "--lr", "0.01", "--progress", "none", "--out", shared.resolve("plugin-run").toString()};
        Proc without = run(launcher, withJar(), args);
        assertEquals(2, without.code(), without.toString());
        assertTrue(without.err().contains("--conv: expected one of [gcn, sage, gat]"), without.toString());
        Map<String, String> env = new java.util.HashMap<>(withJar());
        env.put("FORWARDLEARN_PLUGINS", plugin.toString());
        Proc with = run(launcher, env, args);
        assertEquals(0, with.code(), with.toString());
        Map<String, Object> result = JsonFiles.read(shared.resolve("plugin-run/result.json"));
        assertEquals(org.forwardlearn.cli.plugin.DifferenceConv.NAME, result.get("conv"), result.toString());
        double acc = ((Number) result.get("test_accuracy")).doubleValue();
        assertTrue(acc > 0.3, "SF with the plugin conv on Cora_ML after 30 epochs, over twice chance 1/7 (got " + acc + ")");
    }

    @Test
    void theLauncherRunsTheVectorApiPath() throws Exception {
        // an argument with a space passes through intact
        String fast = backendOfDemo(shared.resolve("demo fast"), withJar());
        assertTrue(fast.equals("netlib:VectorBLAS") || fast.equals("netlib:JNIBLAS"),
                "vectorised (or native) BLAS through the launcher, got " + fast);
        if (fast.equals("netlib:VectorBLAS")) {
            Map<String, String> plain = new java.util.HashMap<>(withJar());
            plain.put("FORWARDLEARN_NO_VECTOR", "1");
            String slow = backendOfDemo(shared.resolve("demo-plain"), plain);
            assertNotEquals(fast, slow, "without the module the plain Java loops run");
            assertTrue(slow.startsWith("netlib:Java"), slow);
        }
    }

    @Test
    void findsTheJarOfItsCheckoutAndFollowsSymlinks() throws Exception {
        Path home = shared.resolve("checkout");
        Path script = home.resolve("bin/forwardlearn");
        Files.createDirectories(script.getParent());
        Files.copy(launcher, script, StandardCopyOption.COPY_ATTRIBUTES);
        Proc none = run(script, Map.of(), "--version");
        assertEquals(127, none.code(), none.toString());
        assertTrue(none.err().startsWith("forwardlearn: error: expected the jar at " + home.toRealPath().resolve("cli/target/forwardlearn.jar")),
                none.toString());
        Files.createDirectories(home.resolve("cli/target"));
        Files.copy(jar, home.resolve("cli/target/forwardlearn.jar"));
        Path link = shared.resolve("elsewhere/forwardlearn");
        Files.createDirectories(link.getParent());
        try {
            Files.createSymbolicLink(link, script);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e);
        }
        Proc v = run(link, Map.of(), "--version");
        assertEquals(0, v.code(), v.toString());
        assertTrue(v.out().startsWith("forwardlearn "), v.toString());
    }
}
