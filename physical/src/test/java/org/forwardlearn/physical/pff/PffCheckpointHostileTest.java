package org.forwardlearn.physical.pff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.core.io.CheckpointFormatException;
import org.forwardlearn.core.train.TrainingState;
import org.forwardlearn.physical.sim.OpticalSystem;
import org.forwardlearn.physical.sim.SimSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PFF checkpoint cases of issues 15 (cause 4) and 16 (item 1): a PFF run's checkpoint is core's resumable
 * {@link TrainingState} in core's CRC-checked container (no format of its own), every field is validated, and a resume with any other configuration, data or device settings is
 * refused naming what differs. Every refusal names the file.
 */
class PffCheckpointHostileTest {
    @TempDir Path dir;
    private final PffTestData d = new PffTestData(40, 6, 2);
    private final PffConfig cfg = PffConfig.defaults().withHidden(8).withSteps(1, 20, 2).withSeed(3);
    private Path ck;

    private static List<OpticalSystem> systems(double noise, double drift) {
        SimSettings s = new SimSettings(9, noise, 0, drift, -1, 4096);
        return List.of(new OpticalSystem(s, 16, 32, 2, OpticalSystem.Encoding.PHASE),
                new OpticalSystem(s.withSeed(10), 16, 32, 2, OpticalSystem.Encoding.PHASE));
    }

    @BeforeEach
    void firstEpoch() {
        ck = dir.resolve("run.ckpt");
        new PffTrainer(cfg.withSteps(1, 20, 1), systems(0.05, 1e-3)).withCheckpoint(ck, false).fit(PffTrainer.data(d.x, d.y, 3, 0), null); // one epoch saved
    }

    private String resumeRefused(PffConfig c, List<OpticalSystem> sys, double[][] x) {
        IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(IllegalArgumentException.class,
                () -> new PffTrainer(c, sys).withCheckpoint(ck, true).fit(PffTrainer.data(x, d.y, 3, 0), null)));
        assertTrue(e.getMessage().contains(ck.toString()), "names the file: " + e.getMessage());
        return e.getMessage();
    }

    private static CheckpointFormatException readRefused(Path f, String fragment, Executable ex) {
        Throwable t = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(Exception.class, ex));
        if (t instanceof UncheckedIOException u) t = u.getCause();
        assertTrue(t instanceof CheckpointFormatException, "a CheckpointFormatException, got " + t);
        assertTrue(t.getMessage().contains(f.toString()), "names the file: " + t.getMessage());
        assertTrue(t.getMessage().contains("Expected") && t.getMessage().contains(fragment), t.getMessage());
        return (CheckpointFormatException) t;
    }

    @Test
    void theSameRunResumesAndIsWrittenInCoresFormat() throws IOException {
        Checkpoint c = Checkpoint.load(ck);
        assertEquals("layerwise-state", c.metadata().get("model"));
        assertEquals("0.01", c.metadata().get("fp.lr"));
        assertEquals("adam", c.metadata().get("fp.trainer.optimizer"));
        TrainingState p = TrainingState.load(ck);
        assertEquals(1, p.epoch());
        assertEquals(1, p.history().size());
        PffModel resumed = new PffTrainer(cfg.withSteps(1, 20, 1), systems(0.05, 1e-3)).withCheckpoint(ck, true).fit(PffTrainer.data(d.x, d.y, 3, 0), null);
        assertEquals(1, resumed.history().size(), "nothing left to train: the saved epoch is restored");
    }

    @Test
    void aDifferentLrNoiseDriftOrEpochsIsRefusedNamingTheDifference() {
        PffConfig one = cfg.withSteps(1, 20, 1);
        assertTrue(resumeRefused(one.withOptimizer(0.02, 0), systems(0.05, 1e-3), d.x).contains("lr='0.02' (checkpoint: '0.01')"));
        assertTrue(resumeRefused(cfg, systems(0.05, 1e-3), d.x).contains("epochs='2' (checkpoint: '1')"));
        String noise = resumeRefused(one, systems(0.1, 1e-3), d.x);
        assertTrue(noise.contains("device.0.noise='0.1' (checkpoint: '0.05')"), noise);
        String drift = resumeRefused(one, systems(0.05, 2e-3), d.x);
        assertTrue(drift.contains("device.0.drift='0.002' (checkpoint: '0.001')"), drift);
        String sgd = resumeRefused(one.withOptimizer(org.forwardlearn.core.optim.OptimizerConfig.sgd(0.01, 0.9, 0)), systems(0.05, 1e-3), d.x);
        assertTrue(sgd.contains("optimizer='sgd' (checkpoint: 'adam')"), sgd);
        String seedAndAlpha = resumeRefused(one.withSeed(4).withAlpha(2), systems(0.05, 1e-3), d.x);
        assertTrue(seedAndAlpha.contains("3 differences") && seedAndAlpha.contains("trainer.seed=") && seedAndAlpha.contains("alpha=") && seedAndAlpha.contains("seed="), seedAndAlpha);
        double[][] other = d.x.clone();
        other[0] = other[0].clone();
        other[0][0] += 1e-9;
        assertTrue(resumeRefused(one, systems(0.05, 1e-3), other).contains("data="));
    }

    @Test
    void checkpointEveryMayChangeOnResume() {
        PffModel m = new PffTrainer(cfg.withSteps(1, 20, 1).withCheckpointEvery(7), systems(0.05, 1e-3)).withCheckpoint(ck, true).fit(PffTrainer.data(d.x, d.y, 3, 0), null);
        assertEquals(1, m.history().size());
    }

    /** Flips one bit of the file and recomputes nothing: the CRC must catch it. */
    @Test
    void aFlippedExponentBitDoesNotResumeSilently() throws IOException {
        byte[] b = Files.readAllBytes(ck);
        byte[] tag = {0, 0, 0, 2, 'p', '0'}; // the length-prefixed name of block 1's weight matrix
        int at = indexOf(b, tag) + tag.length + 8; // after the name, rows and cols: the first weight's high byte
        b[at] ^= 0x10; // an exponent bit of W[0]
        Files.write(ck, b);
        readRefused(ck, "CRC-32", () -> TrainingState.load(ck));
        readRefused(ck, "corrupt", () -> new PffTrainer(cfg.withSteps(1, 20, 1), systems(0.05, 1e-3)).withCheckpoint(ck, true).fit(PffTrainer.data(d.x, d.y, 3, 0), null));
    }

    @Test
    void everySingleFlippedByteIsRefused() throws IOException {
        byte[] good = Files.readAllBytes(ck);
        Path f = dir.resolve("flip.ckpt");
        for (int i = 0; i < good.length; i += Math.max(1, good.length / 400)) {
            byte[] bad = good.clone();
            bad[i] ^= 0x5A;
            Files.write(f, bad);
            readRefused(f, "", () -> TrainingState.load(f));
        }
    }

    @Test
    void emptyTruncatedDirectoryAndOldFormatFilesNameTheFile() throws IOException {
        Path empty = Files.write(dir.resolve("empty.ckpt"), new byte[0]);
        readRefused(empty, "(got 0 bytes)", () -> TrainingState.load(empty));
        byte[] good = Files.readAllBytes(ck);
        Path half = Files.write(dir.resolve("half.ckpt"), java.util.Arrays.copyOf(good, good.length / 2));
        readRefused(half, "truncated", () -> TrainingState.load(half));
        Path d2 = Files.createDirectory(dir.resolve("dir.ckpt"));
        readRefused(d2, "(got a directory)", () -> TrainingState.load(d2));
        readRefused(d2, "(got a directory)", () -> new PffTrainer(cfg, systems(0.05, 1e-3)).withCheckpoint(d2, true).fit(PffTrainer.data(d.x, d.y, 3, 0), null));
        Path old = Files.write(dir.resolve("old.ckpt"), ByteBuffer.allocate(64).putInt(0x50464643).putInt(1).array());
        readRefused(old, "magic 'FLCK'", () -> TrainingState.load(old));
    }

    /** Rewrites the checkpoint with one field changed (through the record, so the CRC is valid). */
    private Path rewritten(String name, java.util.function.UnaryOperator<TrainingState> change) throws IOException {
        Path f = dir.resolve(name);
        change.apply(TrainingState.load(dir.resolve("run.ckpt"))).save(f);
        return f;
    }

    private Path withMeta(String name, String key, String value) throws IOException {
        Checkpoint c = Checkpoint.load(ck);
        Map<String, String> m = new LinkedHashMap<>(c.metadata());
        m.put(key, value);
        Path f = dir.resolve(name);
        new Checkpoint(m, c.completedLayers(), c.totalLayers(), c.layers()).save(f);
        return f;
    }

    @Test
    void everyFieldIsValidatedEvenWithAValidChecksum() throws IOException {
        Path epoch = withMeta("epoch.ckpt", "epoch", "one");
        readRefused(epoch, "'epoch' to be an integer", () -> TrainingState.load(epoch));
        Path loss = withMeta("loss.ckpt", "epoch_loss", "NaN");
        readRefused(loss, "'epoch_loss' to be a finite number", () -> TrainingState.load(loss));
        Path since = withMeta("since.ckpt", "since_best", "-5");
        readRefused(since, "'since_best' to be an integer in [0", () -> TrainingState.load(since));
        Path hist = withMeta("hist.ckpt", "history", "1,0,1,0.5,0.3,0.3,1;1,1,1,0.4,0.2,0.3,2");
        readRefused(hist, "one history row per finished epoch, 1 (got 2)", () -> TrainingState.load(hist));
        Path acc = withMeta("acc.ckpt", "history", "1,0,1,0.5,Infinity,NaN,1");
        readRefused(acc, "history row 0", () -> TrainingState.load(acc));
        Path model = withMeta("model.ckpt", "model", "ff-mlp");
        readRefused(model, "layerwise-state", () -> TrainingState.load(model));
        Path noFp = dir.resolve("nofp.ckpt");
        Checkpoint c = Checkpoint.load(ck);
        Map<String, String> m = new LinkedHashMap<>(c.metadata());
        m.keySet().removeIf(k -> k.startsWith("fp."));
        new Checkpoint(m, c.completedLayers(), c.totalLayers(), c.layers()).save(noFp);
        readRefused(noFp, "fingerprint", () -> TrainingState.load(noFp));
    }

    private static TrainingState with(TrainingState c, int nextBatch, java.util.List<java.util.List<org.ejml.data.DMatrixRMaj>> params,
                                      java.util.List<double[]> opts, Map<String, double[]> problem) {
        return new TrainingState(c.fingerprint(), c.layer(), c.epoch(), nextBatch, c.epochLoss(), c.elapsed(), c.best(), c.bestEpoch(),
                c.sinceBest(), c.history(), params, opts, c.bestSnapshot(), problem);
    }

    @Test
    void aPositionOrStateThatDoesNotFitTheRunIsRefusedNamingTheFile() throws IOException {
        PffConfig same = cfg.withSteps(1, 20, 1);
        ck = rewritten("far.ckpt", c -> with(c, 99, c.parameters(), c.optimizers(), c.problemState()));
        String far = resumeRefused(same, systems(0.05, 1e-3), d.x);
        assertTrue(far.contains("next batch 0 at the end of training (got 99)"), far);
        ck = rewritten("params.ckpt", c -> {
            var p = new java.util.ArrayList<>(c.parameters());
            org.ejml.data.DMatrixRMaj w = p.get(1).get(0);
            p.set(1, java.util.List.of(new org.ejml.data.DMatrixRMaj(w.numRows - 1, w.numCols), p.get(1).get(1)));
            return with(c, c.nextBatch(), p, c.optimizers(), c.problemState());
        });
        assertTrue(resumeRefused(same, systems(0.05, 1e-3), d.x).contains("parameter 0 of layer 1 of shape"));
        ck = rewritten("adam.ckpt", c -> {
            var o = new java.util.ArrayList<>(c.optimizers());
            double[] a = o.get(0).clone();
            a[a.length - 1] = -1;
            o.set(0, a);
            return with(c, c.nextBatch(), c.parameters(), o, c.problemState());
        });
        assertTrue(resumeRefused(same, systems(0.05, 1e-3), d.x).contains("second moments >= 0"));
        ck = rewritten("dev.ckpt", c -> {
            Map<String, double[]> ps = new LinkedHashMap<>(c.problemState());
            ps.put("device.0", new double[] {1, 2});
            return with(c, c.nextBatch(), c.parameters(), c.optimizers(), ps);
        });
        assertTrue(resumeRefused(same, systems(0.05, 1e-3), d.x).contains("state of length"));
        ck = rewritten("meter.ckpt", c -> {
            Map<String, double[]> ps = new LinkedHashMap<>(c.problemState());
            ps.put("meter", new double[] {-1, 0, 0});
            return with(c, c.nextBatch(), c.parameters(), c.optimizers(), ps);
        });
        assertTrue(resumeRefused(same, systems(0.05, 1e-3), d.x).contains("meter counters to be whole numbers >= 0"));
    }

    @Test
    void roundTripIsExact() throws IOException {
        TrainingState a = TrainingState.load(ck);
        Path f = dir.resolve("again.ckpt");
        a.save(f);
        TrainingState b = TrainingState.load(f);
        assertEquals(a.fingerprint(), b.fingerprint());
        for (int i = 0; i < a.parameters().size(); i++) {
            for (int j = 0; j < a.parameters().get(i).size(); j++) {
                assertArrayEquals(a.parameters().get(i).get(j).data, b.parameters().get(i).get(j).data);
            }
            assertArrayEquals(a.optimizers().get(i), b.optimizers().get(i));
        }
        for (String k : a.problemState().keySet()) assertArrayEquals(a.problemState().get(k), b.problemState().get(k));
        assertEquals(a.history(), b.history());
        assertEquals(a.epochLoss(), b.epochLoss());
    }

    private static int indexOf(byte[] b, byte[] t) {
        for (int i = 0; i + t.length <= b.length; i++) {
            if (java.util.Arrays.equals(b, i, i + t.length, t, 0, t.length)) return i;
        }
        throw new AssertionError("not found");
    }
}
