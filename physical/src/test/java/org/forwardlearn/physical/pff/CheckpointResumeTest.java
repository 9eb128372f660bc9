package org.forwardlearn.physical.pff;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.forwardlearn.core.listen.CancellationToken;
import org.forwardlearn.core.listen.TrainingCancelledException;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.physical.sim.OpticalSystem;
import org.forwardlearn.physical.sim.SimSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed mid-way and resumed from its checkpoint ends with bit-identical weights. */
class CheckpointResumeTest {
    static final class Killed extends RuntimeException {}

    private static List<OpticalSystem> systems() {
        SimSettings s = new SimSettings(9, 0.05, 0, 1e-3, 150, 4096);   // noisy, drifting, re-drawn: still deterministic
        return List.of(new OpticalSystem(s, 16, 32, 2, OpticalSystem.Encoding.PHASE),
                new OpticalSystem(s.withSeed(10), 16, 32, 2, OpticalSystem.Encoding.PHASE));
    }

    private static final PffTestData D = new PffTestData(90, 6, 2);
    private static final PffConfig CFG = PffConfig.defaults().withHidden(10).withSteps(3, 20, 3).withSeed(5);

    /** A run of CFG on D (checkpointing to ck when not null). */
    private static PffModel run(Path ck, boolean resume, TrainingListener listener) {
        return new PffTrainer(CFG, systems()).withCheckpoint(ck, resume).fit(PffTrainer.data(D.x, D.y, 3, 0), listener);
    }

    private static void assertSameRun(PffModel full, PffModel resumed) {
        for (int b = 0; b < 2; b++) {
            assertArrayEquals(full.network().blocks().get(b).layer().weight().data, resumed.network().blocks().get(b).layer().weight().data, 0.0);
            assertArrayEquals(full.network().blocks().get(b).layer().bias().data, resumed.network().blocks().get(b).layer().bias().data, 0.0);
        }
        assertEquals(full.queries(), resumed.queries());
        assertEquals(full.macs(), resumed.macs());
        assertEquals(full.history().size(), resumed.history().size());
        assertEquals(full.history().get(2)[1], resumed.history().get(2)[1], 0.0);
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path dir) {
        PffModel full = run(null, false, null);
        Path ck = dir.resolve("run.ckpt");
        assertThrows(Killed.class, () -> run(ck, false, new TrainingListener() {
            @Override public void onBatchEnd(int epoch, int batch, int batches, double loss) {
                if (epoch == 1 && batch == 2) throw new Killed();
            }
        }));
        assertSameRun(full, run(ck, true, null));
    }

    @Test
    void aTokenCancelsCleanlyAndTheRunResumesBitIdentical(@TempDir Path dir) {
        PffModel full = run(null, false, null);
        Path ck = dir.resolve("run.ckpt");
        CancellationToken token = new CancellationToken();
        TrainingListener cancelAt = new TrainingListener() {
            @Override public void onBatchEnd(int epoch, int batch, int batches, double loss) {
                if (epoch == 1 && batch == 1) token.cancel();
            }
        };
        TrainingCancelledException e = assertThrows(TrainingCancelledException.class, () -> run(ck, false, TrainingListener.of(cancelAt, token)));
        assertTrue(e.getMessage().contains("epoch 2, batch 3") && e.getMessage().contains(ck.toString()), e.getMessage());
        assertSameRun(full, run(ck, true, null));
    }

    @Test
    void aCheckpointOfAnotherRunIsRefused(@TempDir Path dir) {
        PffTestData d = new PffTestData(40, 6, 2);
        Path ck = dir.resolve("run.ckpt");
        new PffTrainer(PffConfig.defaults().withHidden(10).withSteps(1, 20, 1), systems()).withCheckpoint(ck, false).fit(PffTrainer.data(d.x, d.y, 3, 0), null);
        var ex = assertThrows(IllegalArgumentException.class, () -> new PffTrainer(PffConfig.defaults().withHidden(12).withSteps(1, 20, 1), systems()).withCheckpoint(ck, true).fit(PffTrainer.data(d.x, d.y, 3, 0), null));
        assertTrue(ex.getMessage().startsWith("Expected checkpoint " + ck) && ex.getMessage().contains("hidden='12' (checkpoint: '10')"),
                ex.getMessage());
        // same sizes and settings, other data (another split or preprocessing): refused too
        double[][] other = new double[d.x.length][];
        for (int i = 0; i < other.length; i++) other[i] = d.x[(i + 1) % d.x.length].clone();
        ex = assertThrows(IllegalArgumentException.class, () -> new PffTrainer(PffConfig.defaults().withHidden(10).withSteps(1, 20, 1), systems()).withCheckpoint(ck, true).fit(PffTrainer.data(other, d.y, 3, 0), null));
        assertTrue(ex.getMessage().contains("data="), ex.getMessage());
    }
}
