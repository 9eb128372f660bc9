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
import org.forwardlearn.physical.sim.OpticalSystem;
import org.forwardlearn.physical.sim.SimSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PFF checkpoint cases of issues 15 (cause 4) and 16 (item 1): the checkpoint is core's CRC-checked
 * container, every field is validated, and a resume with any other configuration, data or device settings is
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
        new PffTrainer(cfg.withSteps(1, 20, 1)).fit(d.x, d.y, 3, systems(0.05, 1e-3), null, ck, false); // one epoch saved
    }

    private String resumeRefused(PffConfig c, List<OpticalSystem> sys, double[][] x) {
        IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(IllegalArgumentException.class,
                () -> new PffTrainer(c).fit(x, d.y, 3, sys, null, ck, true)));
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
        assertEquals(PffCheckpoint.MODEL, c.metadata().get("model"));
        assertEquals("0.01", c.metadata().get("fp.lr"));
        PffCheckpoint p = PffCheckpoint.read(ck);
        assertEquals(1, p.epoch());
        assertEquals(1, p.history().length);
        PffModel resumed = new PffTrainer(cfg.withSteps(1, 20, 1)).fit(d.x, d.y, 3, systems(0.05, 1e-3), null, ck, true);
        assertEquals(1, resumed.history().size(), "nothing left to train: the saved epoch is restored");
    }

    @Test
    void aDifferentLrNoiseDriftOrEpochsIsRefusedNamingTheDifference() {
        PffConfig one = cfg.withSteps(1, 20, 1);
        assertTrue(resumeRefused(one.withOptimizer(0.02, 0), systems(0.05, 1e-3), d.x).contains("lr='0.02' (checkpoint: '0.01')"));
        assertTrue(resumeRefused(cfg, systems(0.05, 1e-3), d.x).contains("epochs='2' (checkpoint: '1')"));
        String noise = resumeRefused(one, systems(0.1, 1e-3), d.x);
        assertTrue(noise.contains("device.0.settings=") && noise.contains("noise=0.1"), noise);
        String drift = resumeRefused(one, systems(0.05, 2e-3), d.x);
        assertTrue(drift.contains("drift=0.002"), drift);
        String seedAndAlpha = resumeRefused(one.withSeed(4).withAlpha(2), systems(0.05, 1e-3), d.x);
        assertTrue(seedAndAlpha.contains("2 differences") && seedAndAlpha.contains("alpha=") && seedAndAlpha.contains("seed="), seedAndAlpha);
        double[][] other = d.x.clone();
        other[0] = other[0].clone();
        other[0][0] += 1e-9;
        assertTrue(resumeRefused(one, systems(0.05, 1e-3), other).contains("data="));
    }

    @Test
    void checkpointEveryMayChangeOnResume() {
        PffModel m = new PffTrainer(cfg.withSteps(1, 20, 1).withCheckpointEvery(7)).fit(d.x, d.y, 3, systems(0.05, 1e-3), null, ck, true);
        assertEquals(1, m.history().size());
    }

    /** Flips one bit of the file and recomputes nothing: the CRC must catch it. */
    @Test
    void aFlippedExponentBitDoesNotResumeSilently() throws IOException {
        byte[] b = Files.readAllBytes(ck);
        byte[] tag = "params".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = indexOf(b, tag) + tag.length + 8; // after the name, rows and cols: the first weight's high byte
        b[at] ^= 0x10; // an exponent bit of W[0]
        Files.write(ck, b);
        readRefused(ck, "CRC-32", () -> PffCheckpoint.read(ck));
        readRefused(ck, "corrupt", () -> new PffTrainer(cfg.withSteps(1, 20, 1)).fit(d.x, d.y, 3, systems(0.05, 1e-3), null, ck, true));
    }

    @Test
    void everySingleFlippedByteIsRefused() throws IOException {
        byte[] good = Files.readAllBytes(ck);
        Path f = dir.resolve("flip.ckpt");
        for (int i = 0; i < good.length; i += Math.max(1, good.length / 400)) {
            byte[] bad = good.clone();
            bad[i] ^= 0x5A;
            Files.write(f, bad);
            readRefused(f, "", () -> PffCheckpoint.read(f));
        }
    }

    @Test
    void emptyTruncatedDirectoryAndOldFormatFilesNameTheFile() throws IOException {
        Path empty = Files.write(dir.resolve("empty.ckpt"), new byte[0]);
        readRefused(empty, "(got 0 bytes)", () -> PffCheckpoint.read(empty));
        byte[] good = Files.readAllBytes(ck);
        Path half = Files.write(dir.resolve("half.ckpt"), java.util.Arrays.copyOf(good, good.length / 2));
        readRefused(half, "truncated", () -> PffCheckpoint.read(half));
        Path d2 = Files.createDirectory(dir.resolve("dir.ckpt"));
        readRefused(d2, "(got a directory)", () -> PffCheckpoint.read(d2));
        readRefused(d2, "(got a directory)", () -> new PffTrainer(cfg).fit(d.x, d.y, 3, systems(0.05, 1e-3), null, d2, true));
        Path old = Files.write(dir.resolve("old.ckpt"), ByteBuffer.allocate(64).putInt(0x50464643).putInt(1).array());
        readRefused(old, "magic 'FLCK'", () -> PffCheckpoint.read(old));
    }

    /** Rewrites the checkpoint with one field changed (through the record, so the CRC is valid). */
    private Path rewritten(String name, java.util.function.UnaryOperator<PffCheckpoint> change) throws IOException {
        Path f = dir.resolve(name);
        change.apply(PffCheckpoint.read(dir.resolve("run.ckpt"))).write(f);
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
        readRefused(epoch, "'epoch' to be an integer", () -> PffCheckpoint.read(epoch));
        Path loss = withMeta("loss.ckpt", "epoch_loss", "NaN");
        readRefused(loss, "'epoch_loss' to be a finite number", () -> PffCheckpoint.read(loss));
        Path q = withMeta("q.ckpt", "queries", "-5");
        readRefused(q, "'queries' to be a count >= 0", () -> PffCheckpoint.read(q));
        Path hist = withMeta("hist.ckpt", "history", "0,0.5,0.3,1;1,0.4,0.2,2");
        readRefused(hist, "one history row per finished epoch, 1 (got 2)", () -> PffCheckpoint.read(hist));
        Path acc = withMeta("acc.ckpt", "history", "0,0.5,7,1");
        readRefused(acc, "accuracy in [0,1]", () -> PffCheckpoint.read(acc));
        Path model = withMeta("model.ckpt", "model", "ff-mlp");
        readRefused(model, "pff-checkpoint", () -> PffCheckpoint.read(model));
    }

    @Test
    void aPositionOrStateThatDoesNotFitTheRunIsRefusedNamingTheFile() throws IOException {
        PffConfig one = cfg.withSteps(1, 20, 1);
        Path far = rewritten("far.ckpt", c -> new PffCheckpoint(c.fingerprint(), c.epoch(), 99, c.epochLoss(), c.counters(), c.elapsed(),
                c.params(), c.adam(), c.devices(), c.history()));
        ck = far;
        assertTrue(resumeRefused(one, systems(0.05, 1e-3), d.x).contains("next batch 99"));
        Path shortParams = rewritten("params.ckpt", c -> {
            double[][] p = c.params().clone();
            p[1] = java.util.Arrays.copyOf(p[1], p[1].length - 1);
            return new PffCheckpoint(c.fingerprint(), c.epoch(), c.nextBatch(), c.epochLoss(), c.counters(), c.elapsed(), p, c.adam(),
                    c.devices(), c.history());
        });
        ck = shortParams;
        assertTrue(resumeRefused(one, systems(0.05, 1e-3), d.x).contains("parameters for block 1"));
        Path negV = rewritten("adam.ckpt", c -> {
            double[][] a = c.adam().clone();
            a[0] = a[0].clone();
            a[0][a[0].length - 1] = -1;
            return new PffCheckpoint(c.fingerprint(), c.epoch(), c.nextBatch(), c.epochLoss(), c.counters(), c.elapsed(), c.params(), a,
                    c.devices(), c.history());
        });
        ck = negV;
        assertTrue(resumeRefused(one, systems(0.05, 1e-3), d.x).contains("second moments >= 0"));
        Path dev = rewritten("dev.ckpt", c -> {
            double[][] s = c.devices().clone();
            s[0] = new double[] {1, 2};
            return new PffCheckpoint(c.fingerprint(), c.epoch(), c.nextBatch(), c.epochLoss(), c.counters(), c.elapsed(), c.params(),
                    c.adam(), s, c.history());
        });
        ck = dev;
        assertTrue(resumeRefused(one, systems(0.05, 1e-3), d.x).contains("state of length"));
    }

    @Test
    void roundTripIsExact() throws IOException {
        PffCheckpoint a = PffCheckpoint.read(ck);
        Path f = dir.resolve("again.ckpt");
        a.write(f);
        PffCheckpoint b = PffCheckpoint.read(f);
        assertEquals(a.fingerprint(), b.fingerprint());
        for (int i = 0; i < a.params().length; i++) {
            assertArrayEquals(a.params()[i], b.params()[i]);
            assertArrayEquals(a.adam()[i], b.adam()[i]);
            assertArrayEquals(a.devices()[i], b.devices()[i]);
        }
        assertArrayEquals(a.history()[0], b.history()[0]);
        assertEquals(a.epochLoss(), b.epochLoss());
        assertArrayEquals(a.counters(), b.counters());
    }

    private static int indexOf(byte[] b, byte[] t) {
        for (int i = 0; i + t.length <= b.length; i++) {
            if (java.util.Arrays.equals(b, i, i + t.length, t, 0, t.length)) return i;
        }
        throw new AssertionError("not found");
    }
}
