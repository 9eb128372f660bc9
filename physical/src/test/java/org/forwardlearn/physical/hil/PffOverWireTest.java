package org.forwardlearn.physical.hil;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.physical.pff.PffModel;
import org.forwardlearn.physical.sim.OpticalSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A full (tiny) PFF training run against device servers equals the in-process run. */
@Timeout(60)
class PffOverWireTest {
    private static final int EPOCHS = 4;

    private record Run(double[] weights, double accuracy, long deviceRows, long clientRows) {}

    private static Run overTheWire(boolean exact) throws IOException {
        List<OpticalSystem> devices = PffRun.systems();
        List<DeviceServer> servers = new ArrayList<>();
        List<RemotePhysicalSystem> remotes = new ArrayList<>();
        try {
            for (OpticalSystem d : devices) {
                DeviceServer s = DeviceServer.start(d, DeviceServerConfig.builder().build());
                servers.add(s);
                RemoteConfig.Builder b = RemoteConfig.builder(s.uri());
                remotes.add(RemotePhysicalSystem.connect(exact ? b.exact().build() : b.build()));
            }
            PffModel m = PffRun.train(remotes, EPOCHS, null, false, TrainingListener.NONE);
            double acc = PffRun.testAccuracy(m, remotes);
            long deviceRows = 0, clientRows = 0;
            for (int i = 0; i < 2; i++) {
                deviceRows += servers.get(i).measuredRows();
                clientRows += remotes.get(i).samples();
            }
            return new Run(PffRun.weights(m), acc, deviceRows, clientRows);
        } finally {
            for (RemotePhysicalSystem r : remotes) r.close();
            for (DeviceServer s : servers) s.close();
        }
    }

    @Test
    void float64TrainingOverTheProtocolIsBitIdenticalToInProcess() throws IOException {
        List<OpticalSystem> local = PffRun.systems();
        PffModel m = PffRun.train(local, EPOCHS, null, false, TrainingListener.NONE);
        double accLocal = PffRun.testAccuracy(m, local);
        Run remote = overTheWire(true);
        assertArrayEquals(PffRun.weights(m), remote.weights(), "weights bit-identical");
        assertEquals(accLocal, remote.accuracy());
        assertTrue(accLocal > 0.8, "Expected the tiny task to be learnt (got accuracy " + accLocal + ")");
        assertEquals(remote.deviceRows(), remote.clientRows(), "no row measured twice or lost");
        long localRows = local.stream().mapToLong(PhysicalSystem::samples).sum();
        assertEquals(localRows, remote.deviceRows(), "the device saw exactly the in-process run's rows");
    }

    @Test
    void float32TrainingOverTheProtocolReachesTheSameAccuracy() throws IOException {
        List<OpticalSystem> local = PffRun.systems();
        double accLocal = PffRun.testAccuracy(PffRun.train(local, EPOCHS, null, false, TrainingListener.NONE), local);
        Run remote = overTheWire(false);
        assertEquals(accLocal, remote.accuracy(), 2.0 / PffRun.TEST, "float32 transport changes at most a sample or two");
        assertEquals(remote.deviceRows(), remote.clientRows());
    }
}
