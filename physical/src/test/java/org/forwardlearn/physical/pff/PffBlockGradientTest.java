package org.forwardlearn.physical.pff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.physical.SystemSpec;
import org.forwardlearn.physical.encode.UnitNormEncoder;
import org.junit.jupiter.api.Test;

/** The block's gradient w.r.t. W and b, with the measured device output held constant, against finite differences. */
class PffBlockGradientTest {
    @Test
    void gradientMatchesFiniteDifferences() {
        for (String g : new String[] {"cosine", "squares"}) {
            PffConfig cfg = PffConfig.defaults().withHidden(6).withGoodness(g).withSeed(3);
            SystemSpec spec = new SystemSpec("t", "1", 8, 5, new InputDomain.Continuous(0, 1), 64);
            PffBlock b = new PffBlock(0, 7, new UnitNormEncoder(7, spec), 5, cfg);
            SplittableRandom r = new SplittableRandom(1);
            DMatrixRMaj pos = new DMatrixRMaj(4, 12), neg = new DMatrixRMaj(4, 12);
            for (int i = 0; i < pos.data.length; i++) { pos.data[i] = r.nextGaussian(); neg.data[i] = r.nextGaussian(); }
            b.lossAndGradient(pos, neg, null);
            for (Parameter p : b.layer().parameters()) {
                double[] grad = p.grad().data.clone();
                for (int k = 0; k < p.size(); k += 3) {
                    double old = p.value().data[k];
                    p.value().data[k] = old + 1e-6;
                    double lp = b.lossAndGradient(pos, neg, null);
                    p.value().data[k] = old - 1e-6;
                    double lm = b.lossAndGradient(pos, neg, null);
                    p.value().data[k] = old;
                    assertEquals((lp - lm) / 2e-6, grad[k], 1e-6, g + " " + p.name() + "[" + k + "]");
                }
            }
        }
    }

    @Test
    void wrongFeatureCountIsAClearError() {
        var sys = new org.forwardlearn.physical.sim.OpticalSystem(org.forwardlearn.physical.sim.SimSettings.ideal(1), 16, 8, 1,
                org.forwardlearn.physical.sim.OpticalSystem.Encoding.PHASE);
        PffNetwork net = new PffNetwork(PffConfig.defaults().withHidden(4), 5, 3, java.util.List.of(sys));
        var ex = assertThrows(IllegalArgumentException.class,
                () -> net.trainingInput(new double[][] {{1, 2, 3}}, new int[] {0}, new int[] {1}));
        assertTrue(ex.getMessage().contains("Expected samples with 5 features (got 3)"), ex.getMessage());
    }
}
