package org.forwardlearn.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.junit.jupiter.api.Test;

/** Adam and SGD against steps computed by hand with PyTorch's formulas (weight decay added to the gradient). */
class OptimizerTest {
    static final double[][] GRADS = {{0.5, 0.1}, {-0.3, 0.2}, {0.05, -0.4}};

    static Parameter param(double... v) { return new Parameter("p", new DMatrixRMaj(1, v.length, true, v)); }

    static void setGrad(Parameter p, double... g) { System.arraycopy(g, 0, p.grad().data, 0, g.length); }

    @Test
    void adamMatchesHandComputedSteps() {
        // lr 0.1, betas (0.9, 0.999), eps 1e-8, weight decay 0.01. Step 1, first entry by hand:
        // g' = 0.5 + 0.01 * 1.0 = 0.51; m = 0.051, v = 0.00026010; m^ = 0.51, v^ = 0.2601;
        // p = 1.0 - 0.1 * 0.51 / (0.51 + 1e-8) = 0.9000000019607843.
        double[][] expected = {
                {0.9000000019607843, -2.0999999875000017},
                {0.8787012438702138, -2.195271992145888},
                {0.8559499280440367, -2.168351810767109}};
        Parameter p = param(1.0, -2.0);
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8, 0.01);
        for (int t = 0; t < 3; t++) {
            setGrad(p, GRADS[t]);
            adam.step(List.of(p));
            assertArrayEquals(expected[t], p.value().data, 1e-14, "after step " + (t + 1));
        }
        assertEquals(3, adam.steps());
        assertArrayEquals(GRADS[2], p.grad().data, 0.0, "step() must not modify or zero the gradient");
    }

    @Test
    void sgdWithMomentumMatchesHandComputedSteps() {
        // lr 0.1, momentum 0.9, weight decay 0.01:
        // step 1: g' = 0.5 + 0.01 = 0.51, b = g' (first step), p = 1 - 0.051 = 0.949
        // step 2: g' = -0.3 + 0.00949 = -0.29051, b = 0.9 * 0.51 - 0.29051 = 0.16849, p = 0.949 - 0.016849 = 0.932151
        double[][] expected = {{0.949, -2.008}, {0.932151, -2.033192}, {0.9110547489999999, -2.0138316080000003}};
        Parameter p = param(1.0, -2.0);
        Sgd sgd = new Sgd(0.1, 0.9, 0.01);
        for (int t = 0; t < 3; t++) {
            setGrad(p, GRADS[t]);
            sgd.step(List.of(p));
            assertArrayEquals(expected[t], p.value().data, 1e-14, "after step " + (t + 1));
        }
    }

    @Test
    void plainSgdIsGradientDescent() {
        Parameter p = param(1.0, -2.0);
        Sgd sgd = new Sgd(0.5, 0.0, 0.0);
        setGrad(p, 0.2, -0.4);
        sgd.step(List.of(p));
        sgd.step(List.of(p));
        assertArrayEquals(new double[] {0.8, -1.6}, p.value().data, 1e-15);
        assertEquals(0.0, sgd.saveState(List.of(p))[0], "no momentum buffers without momentum");
    }

    @Test
    void adamStateRoundTripContinuesIdentically() {
        assertStateRoundTrip(new Adam(0.05, 0.9, 0.999, 1e-8, 0.01), new Adam(0.05, 0.9, 0.999, 1e-8, 0.01));
    }

    @Test
    void sgdStateRoundTripContinuesIdentically() {
        assertStateRoundTrip(new Sgd(0.05, 0.9, 0.01), new Sgd(0.05, 0.9, 0.01));
    }

    /** Two steps with a, save, load into fresh b on copied parameters: both then take identical steps. */
    static void assertStateRoundTrip(Optimizer a, Optimizer b) {
        Parameter p1 = param(1.0, -2.0), p2 = param(0.5, 0.25, -0.75);
        for (int t = 0; t < 2; t++) {
            setGrad(p1, GRADS[t]);
            setGrad(p2, GRADS[t][0], GRADS[t][1], 0.3);
            a.step(List.of(p1, p2));
        }
        double[] state = a.saveState(List.of(p1, p2));
        Parameter q1 = param(p1.value().data.clone()), q2 = param(p2.value().data.clone());
        b.loadState(List.of(q1, q2), state.clone());
        assertArrayEquals(state, b.saveState(List.of(q1, q2)), 0.0);
        for (int t = 2; t < 3; t++) {
            setGrad(p1, GRADS[t]); setGrad(q1, GRADS[t]);
            setGrad(p2, 0.1, 0.2, 0.3); setGrad(q2, 0.1, 0.2, 0.3);
            a.step(List.of(p1, p2));
            b.step(List.of(q1, q2));
        }
        assertArrayEquals(p1.value().data, q1.value().data, 0.0);
        assertArrayEquals(p2.value().data, q2.value().data, 0.0);
        // and the restored state is not the fresh state: a fresh optimizer would take a different step
        assertThrows(IllegalArgumentException.class, () -> b.loadState(List.of(q1), state));
    }

    @Test
    void restoredStateDiffersFromFreshState() {
        Parameter p = param(1.0, -2.0), q = param(1.0, -2.0);
        Adam a = new Adam(0.1, 0.0), fresh = new Adam(0.1, 0.0);
        setGrad(p, 0.5, 0.1); a.step(List.of(p));
        // same value, same gradient, but a has history: the steps differ
        q.value().setTo(p.value());
        setGrad(p, -0.3, 0.2); setGrad(q, -0.3, 0.2);
        a.step(List.of(p));
        fresh.step(List.of(q));
        assertEquals(false, p.value().data[0] == q.value().data[0]);
    }

    @Test
    void configCreatesFreshInstancesAndValidates() {
        assertInstanceOf(Adam.class, OptimizerConfig.adam(1e-3, 0).create());
        assertInstanceOf(Sgd.class, OptimizerConfig.sgd(0.1, 0.9, 0).create());
        OptimizerConfig c = OptimizerConfig.adam(1e-3, 0);
        assertEquals(false, c.create() == c.create());
        assertThrows(IllegalArgumentException.class, () -> new OptimizerConfig("rmsprop", 1e-3, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(1e-3, -1));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1, 1.0, 0));
    }
}
