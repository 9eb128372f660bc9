package org.forwardlearn.physical.hil;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.forwardlearn.physical.PhysicalExperiment;
import org.forwardlearn.physical.PhysicalResult;
import org.forwardlearn.physical.PhysicalSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java trainer, Python device: {@code RemotePhysicalSystem} against {@code python3 -m forwardlearn_device serve
 * --example acoustic}, whose device the Java {@link ExampleDevice} reproduces bit for bit.
 */
@Timeout(120)
class PythonInteropTest {
    /** Seed of block b's example device (any fixed rule; the Python servers are started with the same). */
    static long blockSeed(int b) { return 1000 + b; }

    @TempDir
    Path dir;

    private static double[][] inputs(long seed, int rows) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[rows][20];
        for (double[] row : x) for (int j = 0; j < 20; j++) row[j] = r.nextDouble();
        return x;
    }

    @Test
    void theExampleDeviceIsBitIdenticalInJavaAndPythonAndItsStateCrossesOver() throws IOException {
        try (PythonDevice py = PythonDevice.serve(dir, "--example", "acoustic", "--seed", "7");
             RemotePhysicalSystem remote = RemotePhysicalSystem.connect(RemoteConfig.builder(py.uri()).exact().build());
             ExampleDevice twin = new ExampleDevice(7, 0.01)) {
            assertEquals(twin.spec(), remote.spec(), "same device id, firmware, sizes, domain, max batch");
            for (int c = 0; c < 5; c++) {
                double[][] x = inputs(c, 1 + 37 * c);
                assertArrayEquals(twin.measure(x), remote.measure(x), "call " + c);
            }
            double[] saved = twin.state();
            assertArrayEquals(saved, remote.state(), "the same state blob: [queries, samples]");
            double[][] x = inputs(99, 3);
            double[][] next = twin.measure(x);
            remote.measure(inputs(100, 8)); // move on, then go back
            remote.restoreState(saved);
            assertArrayEquals(next, remote.measure(x), "restored to the Java twin's state, the Python device continues as it would");
        }
    }

    @Test
    void pffVowelsTrainedThroughThePythonServerEqualsTheInProcessRun() throws IOException {
        PhysicalExperiment.Config base = PhysicalExperiment.Config.defaults("vowels").with("pff", 3);
        PhysicalExperiment.Config cfg = base.withTraining(20, 0, base.pff());
        PhysicalResult local = new PhysicalExperiment(cfg.withSystem("example-acoustic", 2, 0.01, Map.of(),
                b -> new ExampleDevice(blockSeed(b), 0.01))).run(null);
        List<PythonDevice> servers = new ArrayList<>();
        List<RemotePhysicalSystem> remotes = new ArrayList<>();
        try {
            for (int b = 0; b < 2; b++) {
                PythonDevice py = PythonDevice.serve(dir, "--example", "acoustic", "--seed", String.valueOf(blockSeed(b)));
                servers.add(py);
                remotes.add(RemotePhysicalSystem.connect(RemoteConfig.builder(py.uri()).exact().build()));
            }
            PhysicalResult remote = new PhysicalExperiment(cfg.withSystem("example-acoustic", 2, 0.01, Map.of(),
                    remotes::get)).run(null);
            assertEquals(local.testAccuracy(), remote.testAccuracy(), "accuracy equal to the in-process run");
            assertEquals(local.deviceSamples(), remote.deviceSamples());
            assertEquals(local.deviceQueries(), remote.deviceQueries());
            assertTrue(local.testAccuracy() > 0.5, "Expected vowels to be learnt through the example device (got " + local.testAccuracy() + ")");
        } finally {
            for (PhysicalSystem r : remotes) r.close();
            for (PythonDevice s : servers) s.close();
        }
    }
}
