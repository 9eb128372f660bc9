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
import org.forwardlearn.core.train.TrainingState;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.physical.pff.PffModel;
import org.forwardlearn.physical.sim.OpticalSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer runs in a child JVM against two device servers (drifting, noiseless simulated optics),
 * checkpointing after every block-update round. It is killed (SIGKILL) mid-run, then resumed from its
 * checkpoint (which restores the devices' drift state over the wire): the final weights equal those of an
 * uninterrupted in-process run bit for bit, and so do the devices' final states.
 */
@Timeout(120)
class KillAndResumeTest {
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
    void killedTrainerResumesToTheUninterruptedResult() throws Exception {
        List<OpticalSystem> reference = PffRun.systems();
        PffModel uninterrupted = PffRun.train(reference, EPOCHS, null, false, TrainingListener.NONE);

        List<OpticalSystem> devices = PffRun.systems();
        Path ckpt = dir.resolve("run.ckpt"), out = dir.resolve("weights.bin");
        try (DeviceServer s0 = DeviceServer.start(devices.get(0), DeviceServerConfig.builder().build());
             DeviceServer s1 = DeviceServer.start(devices.get(1), DeviceServerConfig.builder().build())) {
            List<String> uris = List.of(s0.uri(), s1.uri());

            Process first = child(uris, ckpt, out, 40, false, "first.err");
            int checkpoints = 0;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; checkpoints < 6 && (line = r.readLine()) != null; ) {
                    assertNotEquals("DONE", line, "the first run must be killed before it finishes");
                    if (line.startsWith("CHECKPOINT ")) checkpoints++;
                }
                // kill only once the device has moved past the last checkpoint, so the resume must restore its state
                double checkpointed = TrainingState.load(ckpt).problemState().get("device.0")[0];
                for (int i = 0; i < 200 && devices.get(0).queries() <= checkpointed; i++) Thread.sleep(10);
                assertTrue(devices.get(0).queries() > checkpointed, "device 0 measured after the last checkpoint");
                first.destroyForcibly();
                assertTrue(first.waitFor(10, TimeUnit.SECONDS));
            }
            assertEquals(6, checkpoints, "first run output; stderr: " + Files.readString(dir.resolve("first.err")));
            assertFalse(Files.exists(out), "killed before writing its result");
            long measuredBeforeResume = s0.measuredRows() + s1.measuredRows();

            Process second = child(uris, ckpt, out, 0, true, "second.err");
            String stdout = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(second.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, second.exitValue(), "resumed run; stderr: " + Files.readString(dir.resolve("second.err")));
            assertTrue(stdout.startsWith("RESUME "), stdout);
            assertTrue(stdout.strip().endsWith("DONE"), stdout);
            assertTrue(s0.measuredRows() + s1.measuredRows() > measuredBeforeResume);

            assertArrayEquals(PffRun.weights(uninterrupted), PffTrainMain.readWeights(out), "resumed weights equal uninterrupted ones");
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(reference.get(i).state(), devices.get(i).state(), "device " + i + " drift state");
            }
        }
    }
}
