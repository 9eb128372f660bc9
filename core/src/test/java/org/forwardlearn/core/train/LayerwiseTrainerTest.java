package org.forwardlearn.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.core.listen.DivergenceGuard;
import org.forwardlearn.core.listen.TrainingDivergedException;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.optim.OptimizerConfig;
import org.junit.jupiter.api.Test;

/**
 * The trainer's loop on a scripted fake problem: each layer has one scalar parameter whose gradient is always 1,
 * so with SGD(lr 1) the parameter after s steps is -s and identifies the epoch; validate() returns a scripted
 * sequence per layer.
 */
class LayerwiseTrainerTest {
    static final class Fake implements LayerwiseProblem {
        final List<Parameter> params = new ArrayList<>();
        final double[][] script;
        final int[] validateCalls;
        final int batches;
        final List<String> calls = new ArrayList<>();
        double lossValue = 1.0;
        int nanAtEpoch = -1;

        Fake(int layers, int batches, double[]... script) {
            for (int l = 0; l < layers; l++) params.add(new Parameter("p" + l, new DMatrixRMaj(1, 1)));
            this.script = script;
            this.validateCalls = new int[layers];
            this.batches = batches;
        }

        double value(int l) { return params.get(l).value().get(0, 0); }

        @Override public int numLayers() { return params.size(); }

        @Override public List<Parameter> parameters(int layer) { return List.of(params.get(layer)); }

        @Override public int batches(int layer, int epoch) { return batches; }

        @Override
        public double lossAndGradient(int layer, int epoch, int batch) {
            assertEquals(0.0, params.get(layer).grad().get(0, 0), "the trainer zeroes the gradient before each call");
            calls.add("L" + layer + "e" + epoch + "b" + batch);
            params.get(layer).grad().set(0, 0, 1.0);
            return epoch == nanAtEpoch ? Double.NaN : lossValue;
        }

        @Override
        public double validate(int layer) {
            calls.add("V" + layer);
            double[] s = script.length > layer ? script[layer] : new double[0];
            int i = validateCalls[layer]++;
            return i < s.length ? s[i] : 0.0;
        }

        @Override public void layerFinished(int layer) { calls.add("F" + layer); }
    }

    static TrainerConfig config(int maxEpochs, int every, int patience, Schedule schedule) {
        return new TrainerConfig(maxEpochs, every, patience, true, schedule, OptimizerConfig.sgd(1.0, 0.0, 0.0), 3L);
    }

    @Test
    void earlyStoppingAfterPatienceEpochsRestoresTheBestParameters() {
        // best 0.5 at epoch 1, then 3 epochs without improvement -> stop after epoch 4
        Fake p = new Fake(1, 1, new double[] {0.1, 0.5, 0.3, 0.4, 0.5, 0.9, 0.95});
        TrainingResult r = new LayerwiseTrainer(config(50, 1, 3, Schedule.GREEDY)).fit(p, null);
        LayerReport rep = r.layers().get(0);
        assertEquals(5, rep.epochs());
        assertTrue(rep.stoppedEarly());
        assertEquals(1, rep.bestEpoch());
        assertEquals(0.5, rep.bestMetric());
        assertEquals(-2.0, p.value(0), "parameters after epoch 1 (two SGD steps of -1) must be restored");
        assertEquals(5, p.validateCalls[0]);
        assertEquals(5, rep.history().size());
        assertEquals(0.5, rep.history().get(4).bestMetric());
    }

    @Test
    void withoutRestoreBestTheLastParametersStay() {
        Fake p = new Fake(1, 1, new double[] {0.1, 0.5, 0.3, 0.4, 0.2});
        TrainerConfig c = config(50, 1, 3, Schedule.GREEDY).withRestoreBest(false);
        new LayerwiseTrainer(c).fit(p, null);
        assertEquals(-5.0, p.value(0));
    }

    @Test
    void patienceZeroRunsAllEpochs() {
        Fake p = new Fake(1, 1, new double[] {0.9, 0.1, 0.1, 0.1, 0.1, 0.1});
        LayerReport rep = new LayerwiseTrainer(config(6, 1, 0, Schedule.GREEDY)).fit(p, null).layers().get(0);
        assertEquals(6, rep.epochs());
        assertFalse(rep.stoppedEarly());
        assertEquals(-1.0, p.value(0), "best (epoch 0) restored");
    }

    @Test
    void validateEveryIsHonouredAndTheLastEpochIsAlwaysValidated() {
        Fake p = new Fake(1, 1, new double[] {0.1, 0.2, 0.3, 0.4});
        LayerReport rep = new LayerwiseTrainer(config(10, 3, 0, Schedule.GREEDY)).fit(p, null).layers().get(0);
        List<Integer> validated = new ArrayList<>();
        for (EpochStats s : rep.history()) if (s.validated()) validated.add(s.epoch());
        assertEquals(List.of(2, 5, 8, 9), validated);
        assertEquals(4, p.validateCalls[0]);
        assertEquals(9, rep.bestEpoch());
        assertEquals(-10.0, p.value(0));
    }

    @Test
    void patienceCountsEpochsNotValidations() {
        // validate every 2 epochs (1, 3, 5, ...); best at epoch 1; patience 4 epochs -> stop after epoch 5
        Fake p = new Fake(1, 1, new double[] {0.5, 0.4, 0.3, 0.2, 0.1});
        LayerReport rep = new LayerwiseTrainer(config(50, 2, 4, Schedule.GREEDY)).fit(p, null).layers().get(0);
        assertEquals(6, rep.epochs());
        assertTrue(rep.stoppedEarly());
        assertEquals(-2.0, p.value(0));
    }

    @Test
    void greedyTrainsLayersOneAfterAnotherAndFinishesEach() {
        Fake p = new Fake(2, 2, new double[] {1, 2}, new double[] {1, 2});
        new LayerwiseTrainer(config(2, 1, 0, Schedule.GREEDY)).fit(p, null);
        assertEquals(List.of("L0e0b0", "L0e0b1", "V0", "L0e1b0", "L0e1b1", "V0", "F0",
                "L1e0b0", "L1e0b1", "V1", "L1e1b0", "L1e1b1", "V1", "F1"), p.calls);
        assertEquals(-4.0, p.value(0));
        assertEquals(-4.0, p.value(1));
    }

    @Test
    void allLayersVisitsEveryLayerOnEveryBatchBottomUp() {
        Fake p = new Fake(3, 2, new double[0], new double[0], new double[] {1, 2});
        TrainingResult r = new LayerwiseTrainer(config(2, 1, 0, Schedule.ALL_LAYERS)).fit(p, null);
        assertEquals(List.of("L0e0b0", "L1e0b0", "L2e0b0", "L0e0b1", "L1e0b1", "L2e0b1", "V2",
                "L0e1b0", "L1e1b0", "L2e1b0", "L0e1b1", "L1e1b1", "L2e1b1", "V2", "F0", "F1", "F2"), p.calls);
        assertEquals(1, r.layers().size());
        assertEquals(-1, r.layers().get(0).layer());
        for (int l = 0; l < 3; l++) assertEquals(-4.0, p.value(l));
    }

    @Test
    void startLayerSkipsTrainedLayersButFinishesThemFirst() {
        Fake p = new Fake(3, 1, new double[0], new double[0], new double[] {1});
        int[] runStart = new int[2];
        TrainingListener l = new TrainingListener() {
            @Override public void onRunStart(int n, int first) { runStart[0] = n; runStart[1] = first; }
        };
        TrainingResult r = new LayerwiseTrainer(config(1, 1, 0, Schedule.GREEDY)).fit(p, l, 2, null);
        assertEquals(List.of("F0", "F1", "L2e0b0", "V2", "F2"), p.calls);
        assertArrayEquals(new int[] {3, 2}, runStart);
        assertEquals(1, r.layers().size());
        assertEquals(0.0, p.value(0));
        assertThrows(IllegalArgumentException.class, () -> new LayerwiseTrainer(config(1, 1, 0, Schedule.GREEDY)).fit(p, null, 4, null));
    }

    @Test
    void listenerSeesTheRunInOrder() {
        Fake p = new Fake(2, 1, new double[] {1}, new double[] {1});
        List<String> events = new ArrayList<>();
        TrainingListener l = new TrainingListener() {
            @Override public void onRunStart(int n, int first) { events.add("run" + n); }
            @Override public void onLayerStart(int layer, int max) { events.add("start" + layer + "/" + max); }
            @Override public void onEpochEnd(EpochStats s) { events.add("epoch" + s.layer() + "." + s.epoch()); }
            @Override public void onLayerEnd(LayerReport r) { events.add("end" + r.layer()); }
            @Override public void onRunEnd(TrainingResult r) { events.add("done" + r.layers().size()); }
        };
        TrainingResult r = new LayerwiseTrainer(config(1, 1, 0, Schedule.GREEDY)).fit(p, TrainingListener.of(l));
        assertEquals(List.of("run2", "start0/1", "epoch0.0", "end0", "start1/1", "epoch1.0", "end1", "done2"), events);
        assertTrue(r.provenance().end() != null, "provenance finished");
        assertEquals("3", r.provenance().config().get("seed"));
    }

    @Test
    void divergenceGuardStopsOnNaNLossWithAClearMessage() {
        Fake p = new Fake(1, 1, new double[] {1, 2, 3, 4, 5});
        p.nanAtEpoch = 3;
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new LayerwiseTrainer(config(10, 1, 0, Schedule.GREEDY)).fit(p, new DivergenceGuard()));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("layer 1,") && e.getMessage().contains("epoch 4") /* 1-based */,
                e.getMessage());
        assertEquals(4, p.validateCalls[0], "no epoch after the diverged one");
    }

    @Test
    void divergenceGuardStopsOnInfiniteLossAndMetric() {
        Fake p = new Fake(1, 1, new double[] {1});
        p.lossValue = Double.POSITIVE_INFINITY;
        assertThrows(TrainingDivergedException.class,
                () -> new LayerwiseTrainer(config(3, 1, 0, Schedule.GREEDY)).fit(p, new DivergenceGuard()));
        Fake q = new Fake(1, 1, new double[] {Double.NEGATIVE_INFINITY});
        assertThrows(TrainingDivergedException.class,
                () -> new LayerwiseTrainer(config(3, 1, 0, Schedule.GREEDY)).fit(q, new DivergenceGuard()));
        Fake ok = new Fake(1, 1, new double[] {1, 2, 3});
        new LayerwiseTrainer(config(3, 1, 0, Schedule.GREEDY)).fit(ok, new DivergenceGuard());
    }

    @Test
    void configValidatesAndDescribesItself() {
        assertThrows(IllegalArgumentException.class, () -> config(0, 1, 0, Schedule.GREEDY));
        assertThrows(IllegalArgumentException.class, () -> config(1, 0, 0, Schedule.GREEDY));
        assertThrows(IllegalArgumentException.class, () -> config(1, 1, -1, Schedule.GREEDY));
        TrainerConfig d = TrainerConfig.defaults();
        assertEquals(1000, d.maxEpochs());
        assertEquals("greedy", d.toMap().get("schedule"));
        assertEquals(Schedule.ALL_LAYERS, Schedule.parse("all-layers"));
        assertEquals(7, d.withPatience(7).patience());
        assertEquals(1000, d.withPatience(7).maxEpochs());
    }
}
