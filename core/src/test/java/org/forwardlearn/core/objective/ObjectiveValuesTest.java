package org.forwardlearn.core.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Loss values against closed forms computed by hand. */
class ObjectiveValuesTest {
    static double softplus(double x) { return Math.log(1 + Math.exp(x)); }

    @Test
    void goodnesses() {
        DMatrixRMaj h = new DMatrixRMaj(2, 2, true, 1, 2, -3, 0);
        double[] g = new double[2];
        SquaredGoodness.sum().evaluate(h, g);
        assertArrayEquals(new double[] {5, 9}, g, 0);
        SquaredGoodness.mean().evaluate(h, g);
        assertArrayEquals(new double[] {2.5, 4.5}, g, 0);
        CosineGoodness cos = new CosineGoodness(new double[] {0.6, 0.8});
        cos.evaluate(h, g);
        assertArrayEquals(new double[] {(0.6 + 1.6) / Math.sqrt(5), 0.6}, g, 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new CosineGoodness(new double[] {1, 1}));
        CosineGoodness r = CosineGoodness.random(7, new Random(1));
        double n = 0;
        for (double v : r.direction()) { n += v * v; assertEquals(true, v >= 0); }
        assertEquals(1.0, n, 1e-12);
    }

    @Test
    void forwardForwardAndSymBa() {
        DMatrixRMaj pos = new DMatrixRMaj(2, 1, true, 2, 1), neg = new DMatrixRMaj(2, 1, true, 1, 0.5);
        // sum goodness: G+ = {4, 1}, G- = {1, 0.25}; theta 2
        double ff = new ForwardForwardLoss(SquaredGoodness.sum(), 2).evaluate(pos, neg, null, null);
        assertEquals((softplus(-2) + softplus(1)) / 2 + (softplus(-1) + softplus(-1.75)) / 2, ff, 1e-14);
        double sym = new SymBaLoss(SquaredGoodness.sum(), 4).evaluate(pos, neg, null, null);
        assertEquals((softplus(-4 * 3) + softplus(-4 * 0.75)) / 2, sym, 1e-14);
        // two negatives per positive: negative j pairs with positive j mod 2
        DMatrixRMaj neg2 = new DMatrixRMaj(4, 1, true, 1, 0.5, 3, 0);
        double sym2 = new SymBaLoss(SquaredGoodness.sum(), 1).evaluate(pos, neg2, null, null);
        assertEquals((softplus(-3) + softplus(-0.75) + softplus(5) + softplus(-1)) / 4, sym2, 1e-14);
        assertThrows(IllegalArgumentException.class, () -> new SymBaLoss(SquaredGoodness.sum(), 1)
                .evaluate(pos, new DMatrixRMaj(3, 1), null, null));
    }

    @Test
    void prototypeSoftmaxAndPairBce() {
        DMatrixRMaj h = new DMatrixRMaj(2, 2, true, 1, 0, 0, 2);
        DMatrixRMaj c = new DMatrixRMaj(2, 2, true, 1, 0, 0, 1);
        PrototypeSoftmaxLoss p = new PrototypeSoftmaxLoss(0.5);
        // row 0 logits {2, 0}, label 0: log(1 + e^-2); row 1 logits {0, 4}, label 0: log(1 + e^4) - 0
        double l = p.evaluate(h, new int[] {0, 1}, new int[] {0, 0}, c, null, null);
        assertEquals((Math.log(1 + Math.exp(-2)) + Math.log(1 + Math.exp(4))) / 2, l, 1e-14);
        DMatrixRMaj probs = p.probabilities(h, c);
        assertEquals(1 / (1 + Math.exp(-2)), probs.get(0, 0), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> p.evaluate(h, new int[] {0}, new int[] {2}, c, null, null));
        assertThrows(IllegalArgumentException.class, () -> new PrototypeSoftmaxLoss(0));
        double bce = new PairBceLoss().evaluate(h, new int[] {0, 0}, new int[] {1, 0}, new double[] {0, 1}, null);
        // scores <h0,h1> = 0 (target 0): log 2; <h0,h0> = 1 (target 1): softplus(-1)
        assertEquals((Math.log(2) + softplus(-1)) / 2, bce, 1e-14);
        assertArrayEquals(new double[] {0.5, 1 / (1 + Math.exp(-1))}, PairBceLoss.scores(h, new int[] {0, 0}, new int[] {1, 0}), 1e-15);
        assertEquals(800.0, Softplus.value(800), 0.0);
        assertEquals(0.0, Softplus.value(-800), 1e-300);
    }
}
