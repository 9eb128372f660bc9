package org.forwardlearn.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands of docs/hardware-in-the-loop.md: serve two Python example devices, train PFF vowels through them
 * with {@code forwardlearn physical train --device ... --device ... --out DIR}, resume from the checkpoint (the
 * devices' states restored over the wire), and the refusals of {@code device serve}. Skipped only without python3.
 */
@Timeout(180)
class HardwareInTheLoopDocTest {
    @TempDir Path tmp;

    private static Path pythonDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("python/forwardlearn_device"))) return p.resolve("python");
        }
        throw new IllegalStateException("Expected python/forwardlearn_device above the working directory (got none)");
    }

    private static boolean hasPython() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code python3 -m forwardlearn_device serve --example acoustic --seed S --port 0 --port-file F}; returns the process and port. */
    private Process servePython(long seed, Path portFile) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("python3", "-m", "forwardlearn_device", "serve", "--example", "acoustic", "--seed",
                String.valueOf(seed), "--port", "0", "--port-file", portFile.toString(), "--log-level", "WARNING");
        pb.environment().put("PYTHONPATH", pythonDir().toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.redirectErrorStream(true).redirectOutput(tmp.resolve(portFile.getFileName() + ".log").toFile()).start();
        long end = System.nanoTime() + 20_000_000_000L;
        while (!Files.exists(portFile) && p.isAlive() && System.nanoTime() < end) Thread.sleep(20);
        assertTrue(Files.exists(portFile), "the Python device server listens: " + Files.readString(tmp.resolve(portFile.getFileName() + ".log")));
        return p;
    }

    @Test
    void trainThroughTwoPythonDevicesThenResumeFromTheCheckpoint() throws Exception {
        Assumptions.assumeTrue(hasPython(), "python3 not available");
        List<Process> servers = new ArrayList<>();
        try {
            List<String> devices = new ArrayList<>();
            for (int b = 0; b < 2; b++) {
                Path pf = tmp.resolve("port" + b);
                servers.add(servePython(1000 + b, pf));
                devices.add("--device");
                devices.add("tcp://127.0.0.1:" + Files.readString(pf).trim());
            }
            Path out = tmp.resolve("lab-run");
            List<String> args = new ArrayList<>(List.of("physical", "train", "--dataset", "vowels", "--epochs", "3", "--seed", "3",
                    "--data-dir", CommandsSmokeTest.data().toString(), "--out", out.toString()));
            args.addAll(devices);
            CommandsSmokeTest.ok(args.toArray(new String[0]));
            Map<String, Object> first = CommandsSmokeTest.result(out);
            assertTrue(CommandsSmokeTest.num(first, "device_queries") > 0);
            assertTrue(CommandsSmokeTest.num(first, "test_accuracy") > 0.3, first.toString());
            args.add("--resume");
            CommandsSmokeTest.ok(args.toArray(new String[0]));
            Map<String, Object> resumed = CommandsSmokeTest.result(out);
            assertEquals(CommandsSmokeTest.num(first, "test_accuracy"), CommandsSmokeTest.num(resumed, "test_accuracy"),
                    "resumed from the finished checkpoint with the devices' states restored: the same model, the same test");
        } finally {
            for (Process p : servers) {
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
            }
        }
    }

    @Test
    void deviceServeRefusesANonLoopbackAddressWithoutAToken() {
        CliRun r = CliRun.of("device", "serve", "--system", "example-acoustic", "--port", "0", "--bind", "0.0.0.0");
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.errLines(), r.toString());
        assertTrue(r.err().contains("Expected a token (--token-file) to listen on the non-loopback address 0.0.0.0 (got none)"), r.toString());
    }
}
