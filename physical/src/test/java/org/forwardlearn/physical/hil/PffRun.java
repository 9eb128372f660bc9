package org.forwardlearn.physical.hil;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.physical.pff.Meter;
import org.forwardlearn.physical.pff.PffBlock;
import org.forwardlearn.physical.pff.PffConfig;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.physical.pff.PffModel;
import org.forwardlearn.physical.pff.PffTrainer;
import org.forwardlearn.physical.sim.OpticalSystem;
import org.forwardlearn.physical.sim.SimSettings;

/**
 * A tiny, fast PFF run shared by the over-the-wire tests and the child-JVM trainer: a synthetic
 * 3-class Gaussian-blob dataset (8 features), two noiseless simulated optical blocks (5x5 SLM,
 * 16 camera pixels, max batch 16 so batches are split) that drift slowly but deterministically.
 */
final class PffRun {
    static final int FEATURES = 8, CLASSES = 3, TRAIN = 120, TEST = 60;
    static final long SEED = 42;

    private PffRun() {}

    static PffConfig config(int epochs) {
        return PffConfig.defaults().withHidden(12).withSteps(3, 16, epochs).withSeed(SEED).withOptimizer(0.02, 0);
    }

    /** Block i's simulated system (fresh, in its power-on state). */
    static OpticalSystem system(int block) {
        SimSettings s = new SimSettings(SEED + 10 + block, 0, 0, 1e-3, -1, 16);
        return new OpticalSystem(s, 5, 16, 1, OpticalSystem.Encoding.PHASE);
    }

    static List<OpticalSystem> systems() { return List.of(system(0), system(1)); }

    /** x[n][FEATURES], y[n]: class centres on a seeded sphere plus unit noise. */
    static double[][] x(boolean test) { return data(test).x; }

    static int[] y(boolean test) { return data(test).y; }

    private record Data(double[][] x, int[] y) {}

    private static Data data(boolean test) {
        SplittableRandom centres = new SplittableRandom(SEED);
        double[][] c = new double[CLASSES][FEATURES];
        for (double[] row : c) for (int j = 0; j < FEATURES; j++) row[j] = 2.5 * centres.nextGaussian();
        SplittableRandom r = new SplittableRandom(test ? SEED + 1 : SEED + 2);
        int n = test ? TEST : TRAIN;
        double[][] x = new double[n][FEATURES];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % CLASSES;
            for (int j = 0; j < FEATURES; j++) x[i][j] = c[y[i]][j] + r.nextGaussian();
        }
        return new Data(x, y);
    }

    static PffModel train(List<? extends PhysicalSystem> systems, int epochs, Path checkpoint, boolean resume, TrainingListener listener) {
        return new PffTrainer(config(epochs), systems).withCheckpoint(checkpoint, resume).fit(PffTrainer.data(x(false), y(false), CLASSES, 0), listener);
    }

    static double testAccuracy(PffModel model, List<? extends PhysicalSystem> systems) {
        return model.accuracy(x(true), y(true), systems, new Meter());
    }

    /** All blocks' W and b, flattened in order. */
    static double[] weights(PffModel model) {
        List<Double> all = new ArrayList<>();
        for (PffBlock b : model.network().blocks()) {
            for (Parameter p : b.layer().parameters()) for (double v : p.value().data) all.add(v);
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
