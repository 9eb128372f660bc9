package org.forwardlearn.physical.hil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code python3 -m forwardlearn_device serve ...} child process on a free loopback port, run from the
 * repository's {@code python/} source folder (PYTHONPATH; nothing installed). Tests that need it are skipped
 * (an assumption) only when python3 is absent.
 */
final class PythonDevice implements AutoCloseable {
    private final Process process;
    private final int port;

    private PythonDevice(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The repository's python/ folder (tests run in the module folder; searched upwards). */
    static Path sourceDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("python/forwardlearn_device"))) return p.resolve("python");
        }
        throw new IllegalStateException("Expected python/forwardlearn_device above " + Path.of("").toAbsolutePath() + " (got none)");
    }

    /** Skips the calling test when there is no python3 on the PATH. */
    static void assumePython() {
        boolean ok;
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; sys.exit(0 if sys.version_info >= (3, 8) else 1)")
                    .redirectErrorStream(true).start();
            ok = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
            if (p.isAlive()) p.destroyForcibly();
        } catch (IOException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        Assumptions.assumeTrue(ok, "python3 >= 3.8 is not available");
    }

    /** A python3 process builder with PYTHONPATH set to the source folder. */
    static ProcessBuilder python(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("python3");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PYTHONPATH", sourceDir().toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        return pb;
    }

    /** Starts {@code python3 -m forwardlearn_device serve ARGS --port 0 --port-file F} and waits (at most 20 s) until it listens. */
    static PythonDevice serve(Path dir, String... args) throws IOException {
        assumePython();
        Path portFile = Files.createTempFile(dir, "port", ".txt");
        Files.delete(portFile);
        List<String> a = new ArrayList<>(List.of("-m", "forwardlearn_device", "serve"));
        a.addAll(List.of(args));
        a.addAll(List.of("--port", "0", "--port-file", portFile.toString(), "--log-level", "WARNING"));
        Path log = dir.resolve(portFile.getFileName() + ".log");
        Process p = python(a).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.nanoTime() + 20_000_000_000L;
        while (!Files.exists(portFile)) {
            if (!p.isAlive() || System.nanoTime() > end) {
                p.destroyForcibly();
                throw new IllegalStateException("Expected the Python device server to listen within 20 s (got "
                        + (p.isAlive() ? "no port" : "exit " + p.exitValue()) + "): " + Files.readString(log, StandardCharsets.UTF_8));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return new PythonDevice(p, Integer.parseInt(Files.readString(portFile).trim()));
    }

    int port() { return port; }

    String uri() { return "tcp://127.0.0.1:" + port; }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
