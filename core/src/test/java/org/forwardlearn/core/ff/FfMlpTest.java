package org.forwardlearn.core.ff;

import org.forwardlearn.core.data.Samples;
import org.forwardlearn.core.data.TrainingData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.TestUtil;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.core.io.LayerRecord;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.DenseLayers;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.objective.ContrastiveObjective;
import org.forwardlearn.core.objective.Goodness;
import org.forwardlearn.core.objective.SquaredGoodness;
import org.forwardlearn.core.provenance.RunProvenance;
import org.forwardlearn.core.train.LayerReport;
import org.forwardlearn.core.train.LayerwiseTrainer;
import org.forwardlearn.core.train.Schedule;
import org.forwardlearn.core.train.TrainerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The forward-forward MLP: negatives, learning on clusters, model checkpoints, resume after an interruption. */
class FfMlpTest {
    @TempDir Path dir;

    @Test
    void negativesNeverCarryTheTrueLabelAndAreUniformOverTheOthers() {
        int n = 200, c = 4, d = 8;
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i * 7) % c;
            x.set(i, c, i);     // row id, recoverable after row scaling as x[c] / x[c+1]
            x.set(i, c + 1, 1);
        }
        FfMlpConfig cfg = FfMlpConfig.defaults().withHidden(d).withActivation(Activation.IDENTITY).withEpochs(12)
                .withBatchSize(50).withValidation(12, 0).withSeed(3);
        int[][] wrong = new int[n][c];
        int[][] negOfRowPerEpoch = new int[12][n];
        int[] seen = {0};
        int[] epoch = {0};
        ContrastiveObjective spy = new ContrastiveObjective() {
            @Override public Goodness goodness() { return SquaredGoodness.sum(); }
            @Override public double evaluate(DMatrixRMaj pos, DMatrixRMaj neg, DMatrixRMaj dPos, DMatrixRMaj dNeg) {
                assertEquals(pos.numRows, neg.numRows);
                for (int r = 0; r < pos.numRows; r++) {
                    int row = (int) Math.round(pos.get(r, c) / pos.get(r, c + 1));
                    assertEquals(row, (int) Math.round(neg.get(r, c) / neg.get(r, c + 1)), "negative r is the same sample as positive r");
                    assertEquals(y[row], argmax(pos, r, c), "positive carries the true label");
                    int nl = argmax(neg, r, c);
                    assertTrue(nl != y[row], "negative of row " + row + " carries its true label " + y[row]);
                    wrong[row][nl]++;
                    negOfRowPerEpoch[seen[0] / n][row] = nl;
                    seen[0]++;
                }
                // zero gradients: the (identity) layer stays the identity, so its outputs are its inputs
                dPos.reshape(pos.numRows, pos.numCols); dPos.zero();
                dNeg.reshape(neg.numRows, neg.numCols); dNeg.zero();
                return 1.0;
            }
        };
        FfMlpProblem p = new FfMlpProblem(cfg, x, y, c, null, null, spy);
        DenseLayer l0 = ((DenseLayer) p.layers().get(0));
        l0.weight().zero();
        for (int i = 0; i < d; i++) l0.weight().set(i, i, 1.0);
        l0.bias().zero();
        new LayerwiseTrainer(new TrainerConfig(12, 12, 0, false, Schedule.GREEDY, cfg.optimizer(), 3)).fit(p, TrainingListener.NONE);
        assertEquals(12 * n, seen[0]);
        for (int row = 0; row < n; row++) {
            for (int k = 0; k < c; k++) {
                if (k == y[row]) assertEquals(0, wrong[row][k]);
            }
        }
        // over all rows and epochs each wrong class gets about 1/3 of the negatives
        int[] byOffset = new int[c];
        for (int row = 0; row < n; row++) for (int k = 0; k < c; k++) byOffset[(k - y[row] + c) % c] += wrong[row][k];
        for (int o = 1; o < c; o++) assertEquals(1.0 / 3, byOffset[o] / (12.0 * n), 0.04, "share of wrong label offset " + o);
        // and they are redrawn every epoch
        int changed = 0;
        for (int row = 0; row < n; row++) if (negOfRowPerEpoch[0][row] != negOfRowPerEpoch[1][row]) changed++;
        assertEquals(2.0 / 3, changed / (double) n, 0.15);
    }

    static int argmax(DMatrixRMaj m, int r, int c) {
        int best = 0;
        for (int k = 1; k < c; k++) if (m.get(r, k) > m.get(r, best)) best = k;
        return best;
    }

    @ParameterizedTest(name = "loss={0}, schedule={1}")
    @CsvSource({"symba, ALL_LAYERS", "ff, GREEDY"})
    void learnsGaussianClustersAndCheckpointRoundTripPredictsIdentically(String loss, Schedule schedule) throws Exception {
        Clusters train = new Clusters(600, 4, 20, 1.0, 1), val = new Clusters(200, 4, 20, 1.0, 2), test = new Clusters(400, 4, 20, 1.0, 3);
        FfMlpConfig cfg = FfMlpConfig.defaults().withHidden(32, 32).withLoss(loss).withMeanGoodness(loss.equals("ff"))
                .withThreshold(1.0).withEpochs(15).withBatchSize(50).withValidation(1, 5).withSchedule(schedule).withSeed(4);
        FfMlpModel m = new FfMlpTrainer(cfg).fit(TrainingData.of(new Samples(train.x, train.y, 4)).withValidation(new Samples(val.x, val.y, 4))
                .withDataset("clusters", ""), TrainingListener.NONE);
        double acc = m.accuracy(test.x, test.y);
        assertTrue(acc > 0.9, "test accuracy " + acc + " on well separated clusters");
        RunProvenance prov = m.training().provenance();
        assertEquals("ff-mlp", prov.task());
        assertEquals("clusters", prov.datasetId());
        assertEquals(loss, prov.config().get("loss"));

        Path f = dir.resolve("ff.flck");
        m.toCheckpoint(prov).save(f);
        Checkpoint cp = Checkpoint.load(f);
        FfMlpModel back = FfMlpModel.fromCheckpoint(cp);
        assertArrayEquals(m.predict(test.x), back.predict(test.x));
        double[][] s1 = m.scores(test.x), s2 = back.scores(test.x);
        for (int i = 0; i < s1.length; i++) assertArrayEquals(s1[i], s2[i], 0.0);
        assertEquals(prov, RunProvenance.fromStrings(cp.metadata()), "provenance survives the checkpoint");
        for (int l = 0; l < 2; l++) {
            assertTrue(TestUtil.bitEqual(((DenseLayer) m.layers().get(l)).weight(), ((DenseLayer) back.layers().get(l)).weight()));
        }
    }

    @Test
    void modelIsImmutableAndInputsAreValidated() {
        Clusters train = new Clusters(100, 3, 10, 1.0, 1);
        FfMlpConfig cfg = FfMlpConfig.defaults().withHidden(8).withEpochs(1).withBatchSize(0);
        FfMlpModel m = new FfMlpTrainer(cfg).fit(TrainingData.of(new Samples(train.x, train.y, 3)));
        int[] before = m.predict(train.x);
        ((DenseLayer) m.layers().get(0)).parameters(); // layers are copies made at construction
        assertThrows(UnsupportedOperationException.class, () -> m.layers().add(null));
        assertArrayEquals(before, m.predict(train.x));
        int[] bad = train.y.clone();
        bad[5] = 3;
        assertThrows(IllegalArgumentException.class, () -> new FfMlpTrainer(cfg).fit(TrainingData.of(new Samples(train.x, bad, 3))));
        assertThrows(IllegalArgumentException.class, () -> new FfMlpTrainer(cfg).fit(TrainingData.of(new Samples(train.x, new int[3], 3))));
        assertThrows(IllegalArgumentException.class, () -> new FfMlpTrainer(cfg).fit(TrainingData.of(new Samples(new DMatrixRMaj(4, 2), new int[4], 3))));
        assertThrows(IllegalArgumentException.class, () -> cfg.withHidden());
        assertThrows(IllegalArgumentException.class, () -> cfg.withLoss("hinge"));
    }

    /**
     * Resume: train layer 1 of 2, "crash" after saving a partial checkpoint (completedLayers = 1), load it into a
     * fresh problem and fit from layer 1: the weights equal those of an uninterrupted run, bit for bit.
     */
    @ParameterizedTest(name = "epochs={0}, batch={1}")
    @CsvSource({"3, 50", "2, 0"})
    void resumeAfterAnInterruptedRunEqualsAnUninterruptedRun(int epochs, int batch) throws Exception {
        resumeEqualsUninterrupted(epochs, batch);
    }

    @Test
    void resumeEqualsUninterruptedWhenTheFirstLayerRanOneFullBatchEpoch() throws Exception {
        resumeEqualsUninterrupted(1, 0);
    }

    static void resumeEqualsUninterrupted(int epochs, int batch) throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("resume");
        Clusters train = new Clusters(200, 4, 16, 1.0, 11), val = new Clusters(80, 4, 16, 1.0, 12);
        FfMlpConfig cfg = FfMlpConfig.defaults().withHidden(12, 10).withEpochs(epochs).withBatchSize(batch)
                .withValidation(1, 2).withSchedule(Schedule.GREEDY).withSeed(21);
        TrainerConfig tc = new TrainerConfig(epochs, 1, 2, true, Schedule.GREEDY, cfg.optimizer(), 21);

        FfMlpProblem whole = new FfMlpProblem(cfg, train.x, train.y, 4, val.x, val.y, FfMlpTrainer.objective(cfg));
        new LayerwiseTrainer(tc).fit(whole, TrainingListener.NONE);

        Path f = dir.resolve("partial.flck");
        FfMlpProblem first = new FfMlpProblem(cfg, train.x, train.y, 4, val.x, val.y, FfMlpTrainer.objective(cfg));
        TrainingListener crashAfterLayerOne = new TrainingListener() {
            @Override public void onLayerEnd(LayerReport r) {
                if (r.layer() != 0) return;
                List<LayerRecord> recs = new ArrayList<>();
                recs.add(DenseLayers.toRecord(((DenseLayer) first.layers().get(0))));
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put("model", "ff-mlp-partial");
                try {
                    new Checkpoint(meta, 1, 2, recs).save(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                throw new IllegalStateException("simulated crash");
            }
        };
        assertThrows(IllegalStateException.class, () -> new LayerwiseTrainer(tc).fit(first, crashAfterLayerOne));

        Checkpoint cp = Checkpoint.load(f);
        assertEquals(1, cp.completedLayers());
        assertEquals(2, cp.totalLayers());
        FfMlpProblem resumed = new FfMlpProblem(cfg, train.x, train.y, 4, val.x, val.y, FfMlpTrainer.objective(cfg));
        ((DenseLayer) resumed.layers().get(0)).copyParametersFrom(DenseLayers.fromRecord(cp.layers().get(0)));
        new LayerwiseTrainer(tc).fit(resumed, TrainingListener.NONE, cp.completedLayers(), null);

        for (int l = 0; l < 2; l++) {
            assertTrue(TestUtil.bitEqual(((DenseLayer) whole.layers().get(l)).weight(), ((DenseLayer) resumed.layers().get(l)).weight())
                    && TestUtil.bitEqual(((DenseLayer) whole.layers().get(l)).bias(), ((DenseLayer) resumed.layers().get(l)).bias()),
                    "layer " + (l + 1) + " differs between the uninterrupted and the resumed run");
        }
    }
}
