package org.forwardlearn.core.ff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.io.CheckpointFormatException;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.listen.CancellationToken;
import org.forwardlearn.core.listen.TrainingCancelledException;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.optim.OptimizerConfig;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerwiseTrainer;
import org.forwardlearn.core.train.Schedule;
import org.forwardlearn.core.train.TrainerConfig;
import org.forwardlearn.core.train.TrainingCheckpoint;
import org.forwardlearn.core.train.TrainingResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Cancellation (token, listener, interrupt) and mid-layer resume of core's layer-wise trainer on a real problem (the
 * FF MLP on Gaussian clusters): a run cancelled mid-epoch and resumed from its checkpoint ends bit-identical to an
 * uninterrupted run; another configuration or a corrupt file is refused.
 */
class CancelAndResumeTest {
    @TempDir Path dir;

    static final Clusters TRAIN = new Clusters(300, 4, 16, 1.0, 1), VAL = new Clusters(100, 4, 16, 1.0, 2);

    static FfMlpConfig cfg(Schedule s) {
        return FfMlpConfig.defaults().withHidden(12, 12).withEpochs(4).withBatchSize(40).withValidation(1, 0).withSchedule(s).withSeed(5);
    }

    static FfMlpProblem problem(FfMlpConfig c) {
        return new FfMlpProblem(c, TRAIN.x, TRAIN.y, 4, VAL.x, VAL.y, FfMlpTrainer.objective(c));
    }

    static TrainerConfig trainer(FfMlpConfig c) {
        return new TrainerConfig(c.epochs(), 1, 0, true, c.schedule(), c.optimizer(), c.seed());
    }

    static TrainingCheckpoint ck(Path f, boolean resume) {
        return new TrainingCheckpoint(f, 3, Map.of("task", "test", "data", "clusters-300"), resume);
    }

    static double[] flat(FfMlpProblem p) {
        int n = 0;
        for (int l = 0; l < p.numLayers(); l++) for (Parameter q : p.parameters(l)) n += q.size();
        double[] out = new double[n];
        int o = 0;
        for (int l = 0; l < p.numLayers(); l++) {
            for (Parameter q : p.parameters(l)) {
                System.arraycopy(q.value().data, 0, out, o, q.size());
                o += q.size();
            }
        }
        return out;
    }

    /** Cancels its token after {@code after} batch ends. */
    static final class CancelAfter implements TrainingListener {
        final CancellationToken token = new CancellationToken();
        final int after;
        int seen;

        CancelAfter(int after) { this.after = after; }

        @Override public void onBatchEnd(int e, int b, int n, double loss) { if (++seen == after) token.cancel(); }

        @Override public boolean stopRequested() { return token.stopRequested(); }
    }

    @ParameterizedTest
    @EnumSource(Schedule.class)
    void aCancelledRunResumedFromItsCheckpointEndsBitIdentical(Schedule s) throws Exception {
        FfMlpConfig c = cfg(s);
        FfMlpProblem whole = problem(c);
        TrainingResult full = new LayerwiseTrainer(trainer(c)).fit(whole, null, null, ck(dir.resolve("a.flck"), false));

        Path f = dir.resolve("b.flck");
        FfMlpProblem first = problem(c);
        CancelAfter cancel = new CancelAfter(13); // 8 batches per epoch: mid-epoch 2 (and, for GREEDY, mid layer 1)
        TrainingCancelledException e = assertThrows(TrainingCancelledException.class,
                () -> new LayerwiseTrainer(trainer(c)).fit(first, cancel, null, ck(f, false)));
        assertFalse(e.interrupted());
        assertTrue(e.getMessage().contains("epoch 2, batch 6") && e.getMessage().contains(f.toString()), e.getMessage());
        assertTrue(Files.exists(f));

        FfMlpProblem resumed = problem(c);
        TrainingResult rest = new LayerwiseTrainer(trainer(c)).fit(resumed, null, null, ck(f, true));
        assertArrayEquals(flat(whole), flat(resumed), 0.0, "resumed weights equal the uninterrupted run's bit for bit");
        List<EpochStats> a = full.layers().get(full.layers().size() - 1).history(), b = rest.layers().get(rest.layers().size() - 1).history();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).loss(), b.get(i).loss(), 0.0);
            assertEquals(a.get(i).metric(), b.get(i).metric(), 0.0);
        }
    }

    @Test
    void anotherConfigurationIsRefusedNamingWhatDiffers() throws Exception {
        FfMlpConfig c = cfg(Schedule.ALL_LAYERS);
        Path f = dir.resolve("c.flck");
        assertThrows(TrainingCancelledException.class, () -> new LayerwiseTrainer(trainer(c)).fit(problem(c), new CancelAfter(5), null, ck(f, false)));
        FfMlpConfig other = c.withOptimizer(OptimizerConfig.sgd(0.1, 0.9, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LayerwiseTrainer(trainer(other)).fit(problem(other), null, null, ck(f, true)));
        assertTrue(e.getMessage().contains("trainer.optimizer='sgd' (checkpoint: 'adam')") && e.getMessage().contains("trainer.lr='0.1' (checkpoint: '0.003')"),
                e.getMessage());
        TrainingCheckpoint otherData = new TrainingCheckpoint(f, 3, Map.of("task", "test", "data", "clusters-301"), true);
        e = assertThrows(IllegalArgumentException.class, () -> new LayerwiseTrainer(trainer(c)).fit(problem(c), null, null, otherData));
        assertTrue(e.getMessage().contains("data='clusters-301' (checkpoint: 'clusters-300')"), e.getMessage());
    }

    @Test
    void aFlippedExponentBitIsRefused() throws Exception {
        FfMlpConfig c = cfg(Schedule.ALL_LAYERS);
        Path f = dir.resolve("d.flck");
        assertThrows(TrainingCancelledException.class, () -> new LayerwiseTrainer(trainer(c)).fit(problem(c), new CancelAfter(5), null, ck(f, false)));
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x40; // somewhere in the weights: an exponent bit of a double
        Files.write(f, b);
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> new LayerwiseTrainer(trainer(c)).fit(problem(c), null, null, ck(f, true)));
        assertTrue(e.getCause() instanceof CheckpointFormatException, "got " + e.getCause());
        assertTrue(e.getCause().getMessage().contains(f.toString()) && e.getCause().getMessage().contains("CRC-32"), e.getMessage());
    }

    @Test
    void aTokenCancelledBeforeTheRunStopsItBeforeTheFirstBatch() {
        FfMlpConfig c = cfg(Schedule.ALL_LAYERS);
        FfMlpProblem p = problem(c);
        double[] before = flat(p);
        CancellationToken token = new CancellationToken();
        token.cancel();
        TrainingCancelledException e = assertThrows(TrainingCancelledException.class,
                () -> new LayerwiseTrainer(trainer(c)).fit(p, TrainingListener.of(new TrainingListener() {}, token)));
        assertTrue(e.getMessage().contains("epoch 1, batch 1"), e.getMessage());
        assertArrayEquals(before, flat(p), 0.0, "nothing trained");
        // and through the trainer shape: FfMlpTrainer.fit honours the same token
        assertThrows(TrainingCancelledException.class, () -> new FfMlpTrainer(c).fit(
                org.forwardlearn.core.data.TrainingData.of(new org.forwardlearn.core.data.Samples(TRAIN.x, TRAIN.y, 4)), token));
    }

    @Test
    void anInterruptStopsTheRunAndKeepsTheFlag() throws Exception {
        FfMlpConfig c = cfg(Schedule.GREEDY);
        Throwable[] caught = new Throwable[1];
        boolean[] flag = new boolean[1];
        int[] batchesSeen = new int[1];
        Thread t = new Thread(() -> {
            try {
                new LayerwiseTrainer(trainer(c)).fit(problem(c), new TrainingListener() {
                    @Override public void onBatchEnd(int e, int b, int n, double loss) {
                        if (++batchesSeen[0] == 4) Thread.currentThread().interrupt();
                    }
                });
            } catch (Throwable x) {
                caught[0] = x;
            }
            flag[0] = Thread.currentThread().isInterrupted();
        });
        t.start();
        t.join(60_000);
        assertTrue(caught[0] instanceof TrainingCancelledException, "got " + caught[0]);
        assertTrue(((TrainingCancelledException) caught[0]).interrupted());
        assertTrue(caught[0].getMessage().contains("interrupted before layer 1, epoch 1, batch 5"), caught[0].getMessage());
        assertEquals(4, batchesSeen[0], "stopped at the next batch");
        assertTrue(flag[0], "the interrupt flag stays set for the caller");
    }

    /** A user's own layer: z = a W + b followed by tanh, with its own local gradient. */
    static final class TanhLayer implements org.forwardlearn.core.layer.TrainableLayer {
        final Parameter w, b;

        TanhLayer(int in, int out, java.util.Random r) {
            w = new Parameter("w", new DMatrixRMaj(in, out));
            b = new Parameter("b", new DMatrixRMaj(1, out));
            double s = 1 / Math.sqrt(in);
            for (int i = 0; i < w.size(); i++) w.value().data[i] = (2 * r.nextDouble() - 1) * s;
        }

        @Override public int inputSize() { return w.value().numRows; }

        @Override public int outputSize() { return w.value().numCols; }

        @Override public List<Parameter> parameters() { return List.of(w, b); }

        @Override
        public DMatrixRMaj forward(DMatrixRMaj in, DMatrixRMaj out) {
            if (out == null) out = new DMatrixRMaj(in.numRows, outputSize());
            out.reshape(in.numRows, outputSize());
            org.ejml.dense.row.CommonOps_DDRM.mult(in, w.value(), out);
            for (int i = 0; i < in.numRows; i++) {
                for (int j = 0; j < outputSize(); j++) out.set(i, j, Math.tanh(out.get(i, j) + b.value().get(0, j)));
            }
            return out;
        }

        @Override
        public void localGradient(DMatrixRMaj in, DMatrixRMaj out, DMatrixRMaj dOut) {
            DMatrixRMaj dz = new DMatrixRMaj(out.numRows, out.numCols);
            for (int i = 0; i < dz.getNumElements(); i++) dz.data[i] = dOut.data[i] * (1 - out.data[i] * out.data[i]);
            org.ejml.dense.row.CommonOps_DDRM.multAddTransA(in, dz, w.grad());
            for (int i = 0; i < dz.numRows; i++) for (int j = 0; j < dz.numCols; j++) b.grad().add(0, j, dz.get(i, j));
        }

        @Override
        public TanhLayer copy() {
            TanhLayer c = new TanhLayer(inputSize(), outputSize(), new java.util.Random(0));
            c.copyParametersFrom(this);
            return c;
        }
    }

    @Test
    void anFfMlpTrainsAUsersOwnLayerAndLoadsItBackWithItsFactory() throws Exception {
        LayerFactory tanh = (i, in, out, cfg, init) -> new TanhLayer(in, out, init);
        FfMlpConfig c = cfg(Schedule.ALL_LAYERS).withEpochs(8);
        Clusters test = new Clusters(200, 4, 16, 1.0, 3);
        FfMlpModel m = new FfMlpTrainer(c).withLayers(tanh).fit(org.forwardlearn.core.data.TrainingData.of(
                new org.forwardlearn.core.data.Samples(TRAIN.x, TRAIN.y, 4)));
        assertTrue(m.layers().get(0) instanceof TanhLayer);
        double acc = m.accuracy(test.x, test.y);
        assertTrue(acc > 0.8, "tanh FF MLP test accuracy " + acc + " (chance 0.25)");
        assertEquals("custom", m.provenance().config().get("layers"));
        Path f = dir.resolve("tanh.flck");
        m.save(f);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> FfMlpModel.load(f));
        assertTrue(e.getMessage().contains("Expected a layer factory for the custom layer 0"), e.getMessage());
        FfMlpModel back = FfMlpModel.load(f, tanh);
        assertArrayEquals(m.predict(test.x), back.predict(test.x));
        assertEquals(m.provenance(), back.provenance());
    }
}
