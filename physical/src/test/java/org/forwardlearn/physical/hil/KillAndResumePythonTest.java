package org.forwardlearn.physical.hil;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.physical.pff.PffModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link KillAndResumeTest} against two Python example devices (noisy: their noise streams advance with every
 * measured row): the trainer JVM is killed mid-run, resumed from its checkpoint (which restores each Python
 * device's state over the wire), and ends with the weights and device states of an uninterrupted in-process
 * run with the Java twins, bit for bit.
 */
@Timeout(150)
class KillAndResumePythonTest {
    private static final int EPOCHS = 5;

    @TempDir
    Path dir;

    private Process child(List<String> uris, Path ckpt, Path out, long sleepMs, boolean resume, String log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                PffTrainMain.class.getName(), uris.get(0), uris.get(1), ckpt.toString(), out.toString(),
                String.valueOf(EPOCHS), String.valueOf(sleepMs), String.valueOf(resume)));
        return new ProcessBuilder(cmd).redirectError(dir.resolve(log).toFile()).start();
    }

    @Test
    void killedTrainerResumesAgainstPythonDevicesToTheUninterruptedResult() throws Exception {
        List<ExampleDevice> reference = List.of(new ExampleDevice(2000, 0.01), new ExampleDevice(2001, 0.01));
        PffModel uninterrupted = PffRun.train(reference, EPOCHS, null, false, TrainingListener.NONE);
        Path ckpt = dir.resolve("run.ckpt"), out = dir.resolve("weights.bin");
        try (PythonDevice p0 = PythonDevice.serve(dir, "--example", "acoustic", "--seed", "2000");
             PythonDevice p1 = PythonDevice.serve(dir, "--example", "acoustic", "--seed", "2001")) {
            List<String> uris = List.of(p0.uri(), p1.uri());
            Process first = child(uris, ckpt, out, 30, false, "first.err");
            int checkpoints = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; checkpoints < 6 && (line = r.readLine()) != null; ) {
                    assertNotEquals("DONE", line, "the first run must be killed before it finishes");
                    if (line.startsWith("CHECKPOINT ")) checkpoints++;
                }
                Thread.sleep(45); // let it measure past the checkpoint: the resume must then restore the devices
                first.destroyForcibly();
                assertTrue(first.waitFor(10, TimeUnit.SECONDS));
            }
            assertEquals(6, checkpoints, "first run output; stderr: " + Files.readString(dir.resolve("first.err")));
            assertFalse(Files.exists(out), "killed before writing its result");

            Process second = child(uris, ckpt, out, 0, true, "second.err");
            String stdout = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(second.waitFor(90, TimeUnit.SECONDS));
            assertEquals(0, second.exitValue(), "resumed run; stderr: " + Files.readString(dir.resolve("second.err")));
            assertTrue(stdout.startsWith("RESUME "), stdout);
            assertTrue(stdout.strip().endsWith("DONE"), stdout);
            assertArrayEquals(PffRun.weights(uninterrupted), PffTrainMain.readWeights(out), "resumed weights equal uninterrupted ones");
            for (int i = 0; i < 2; i++) {
                try (RemotePhysicalSystem d = RemotePhysicalSystem.connect(RemoteConfig.builder(uris.get(i)).exact().build())) {
                    assertArrayEquals(reference.get(i).state(), d.state(), "device " + i + " state [queries, samples]");
                }
            }
        }
    }
}
