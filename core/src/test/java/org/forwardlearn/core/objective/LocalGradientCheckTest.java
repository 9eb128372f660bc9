package org.forwardlearn.core.objective;

import static org.forwardlearn.core.TestUtil.checkGradient;
import static org.forwardlearn.core.TestUtil.gaussian;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.layer.DenseLayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Central finite differences of every analytic local gradient: a {@link DenseLayer} (ReLU, GELU, identity)
 * composed with each local objective. Inputs are drawn so that no pre-activation is within 1e-3 of a kink
 * (ReLU at 0, |h| of the cosine goodness at 0), and the step (1e-6) is far smaller than that margin.
 */
class LocalGradientCheckTest {
    static final double H = 1e-6;
    static final double RTOL = 1e-6;
    static final int IN = 5, OUT = 4;

    /** A layer and batches whose pre-activations all keep a margin of 1e-3 from 0. */
    record Setup(DenseLayer layer, DMatrixRMaj[] inputs) {}

    static Setup setup(Activation act, long seed, int... rows) {
        for (long s = seed; ; s++) {
            Random rng = new Random(s);
            DMatrixRMaj w = gaussian(IN, OUT, 0.6, rng), b = gaussian(1, OUT, 0.3, rng);
            DMatrixRMaj[] xs = new DMatrixRMaj[rows.length];
            boolean ok = true;
            DenseLayer linear = new DenseLayer(w, b, Activation.IDENTITY);
            for (int i = 0; i < rows.length; i++) {
                xs[i] = gaussian(rows[i], IN, 1.0, rng);
                DMatrixRMaj z = linear.forward(xs[i], null);
                for (double v : z.data) if (Math.abs(v) < 1e-3) ok = false;
            }
            if (ok) return new Setup(new DenseLayer(w, b, act), xs);
        }
    }

    static Stream<Arguments> contrastive() {
        List<Arguments> out = new ArrayList<>();
        List<Function<Random, ContrastiveObjective>> objectives = List.of(
                r -> new ForwardForwardLoss(SquaredGoodness.sum(), 2.0),
                r -> new ForwardForwardLoss(SquaredGoodness.mean(), 0.5),
                r -> new ForwardForwardLoss(CosineGoodness.random(OUT, r), 0.6),
                r -> new SymBaLoss(SquaredGoodness.sum(), SymBaLoss.DEFAULT_ALPHA),
                r -> new SymBaLoss(SquaredGoodness.mean(), SymBaLoss.DEFAULT_ALPHA),
                r -> new SymBaLoss(CosineGoodness.random(OUT, r), 4.0));
        for (Activation a : Activation.values()) {
            for (int i = 0; i < objectives.size(); i++) {
                ContrastiveObjective o = objectives.get(i).apply(new Random(100 + i));
                out.add(Arguments.of(a, o, 1));
                if (o instanceof SymBaLoss) out.add(Arguments.of(a, o, 2)); // two negatives per positive
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} x {1}, {2} negative(s) per positive")
    @MethodSource("contrastive")
    void contrastiveObjectiveThroughDenseLayer(Activation act, ContrastiveObjective objective, int negPerPos) {
        Setup s = setup(act, 7, 6, 6 * negPerPos);
        DenseLayer layer = s.layer();
        DMatrixRMaj xp = s.inputs()[0], xn = s.inputs()[1];
        DMatrixRMaj hp = layer.forward(xp, null), hn = layer.forward(xn, null);
        DMatrixRMaj dp = new DMatrixRMaj(1, 1), dn = new DMatrixRMaj(1, 1);
        double loss = objective.evaluate(hp, hn, dp, dn);
        assertTrue(Double.isFinite(loss) && loss > 0, "loss " + loss);
        assertEquals(loss, objective.evaluate(hp, hn, null, null), 0.0, "loss must not depend on whether gradients are asked for");
        layer.zeroGrad();
        layer.localGradient(xp, hp, dp);
        layer.localGradient(xn, hn, dn);
        checkGradient(act + " x " + objective, layer.parameters(),
                () -> objective.evaluate(layer.forward(xp, null), layer.forward(xn, null), null, null), H, RTOL);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void prototypeSoftmaxThroughDenseLayerAndPrototypes(Activation act) {
        Setup s = setup(act, 11, 7);
        DenseLayer layer = s.layer();
        DMatrixRMaj x = s.inputs()[0];
        DMatrixRMaj protos = gaussian(3, OUT, 0.8, new Random(5));
        int[] rows = {0, 2, 3, 5, 6};
        int[] labels = {1, 0, 2, 2, 1};
        PrototypeSoftmaxLoss loss = new PrototypeSoftmaxLoss(0.5);
        DMatrixRMaj h = layer.forward(x, null);
        DMatrixRMaj dH = new DMatrixRMaj(1, 1), dP = new DMatrixRMaj(1, 1);
        double l = loss.evaluate(h, rows, labels, protos, dH, dP);
        assertTrue(l > 0 && Double.isFinite(l));
        // rows not scored get no gradient
        for (int j = 0; j < OUT; j++) {
            assertEquals(0.0, dH.get(1, j));
            assertEquals(0.0, dH.get(4, j));
        }
        layer.zeroGrad();
        layer.localGradient(x, h, dH);
        checkGradient(act + " x prototype-softmax (dW, db)", layer.parameters(),
                () -> loss.evaluate(layer.forward(x, null), rows, labels, protos, null, null), H, RTOL);
        checkGradient(act + " x prototype-softmax (dPrototypes)", protos, dP,
                () -> loss.evaluate(h, rows, labels, protos, null, null), H, RTOL);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void softTargetPrototypeSoftmaxThroughDenseLayerAndPrototypes(Activation act) {
        Setup s = setup(act, 11, 7);
        DenseLayer layer = s.layer();
        DMatrixRMaj x = s.inputs()[0];
        DMatrixRMaj protos = gaussian(3, OUT, 0.8, new Random(5));
        // rows 2..5 with fixed soft targets (each row sums to 1)
        double[] targets = {0.2, 0.5, 0.3, 1, 0, 0, 0.1, 0.1, 0.8, 0.6, 0.4, 0};
        PrototypeSoftmaxLoss loss = new PrototypeSoftmaxLoss(0.5);
        DMatrixRMaj h = layer.forward(x, null);
        DMatrixRMaj dH = new DMatrixRMaj(h.numRows, h.numCols), dP = new DMatrixRMaj(3, OUT);
        double l = loss.evaluateSoft(h, 2, 4, targets, protos, 0.7, dH, dP);
        assertTrue(l > 0 && Double.isFinite(l));
        for (int j = 0; j < OUT; j++) { assertEquals(0.0, dH.get(1, j)); assertEquals(0.0, dH.get(6, j)); }
        layer.zeroGrad();
        layer.localGradient(x, h, dH);
        checkGradient(act + " x soft-target prototype-softmax (dW, db)", layer.parameters(),
                () -> loss.evaluateSoft(layer.forward(x, null), 2, 4, targets, protos, 0.7, null, null), H, RTOL);
        checkGradient(act + " x soft-target prototype-softmax (dPrototypes)", protos, dP,
                () -> loss.evaluateSoft(h, 2, 4, targets, protos, 0.7, null, null), H, RTOL);
        // one-hot targets give the hard-label loss and gradients
        int[] rows = {2, 3, 4, 5};
        int[] labels = {1, 0, 2, 0};
        double[] oneHot = new double[12];
        for (int t = 0; t < 4; t++) oneHot[t * 3 + labels[t]] = 1;
        DMatrixRMaj dHs = new DMatrixRMaj(h.numRows, h.numCols), dPs = new DMatrixRMaj(3, OUT);
        DMatrixRMaj dHh = new DMatrixRMaj(1, 1), dPh = new DMatrixRMaj(1, 1);
        assertEquals(loss.evaluate(h, rows, labels, protos, dHh, dPh), loss.evaluateSoft(h, 2, 4, oneHot, protos, 1.0, dHs, dPs), 1e-14);
        for (int i = 0; i < dHh.getNumElements(); i++) assertEquals(dHh.data[i], dHs.data[i], 1e-14);
        for (int i = 0; i < dPh.getNumElements(); i++) assertEquals(dPh.data[i], dPs.data[i], 1e-14);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void pairBceThroughDenseLayer(Activation act) {
        Setup s = setup(act, 13, 6);
        DenseLayer layer = s.layer();
        DMatrixRMaj x = s.inputs()[0];
        int[] src = {0, 1, 2, 3, 4, 5, 2};
        int[] dst = {1, 2, 3, 0, 4, 0, 1}; // includes a self pair (4,4) and a repeated node
        double[] target = {1, 0, 1, 0, 1, 0, 1};
        PairBceLoss bce = new PairBceLoss();
        DMatrixRMaj h = layer.forward(x, null);
        DMatrixRMaj dH = new DMatrixRMaj(1, 1);
        double l = bce.evaluate(h, src, dst, target, dH);
        assertTrue(l > 0 && Double.isFinite(l));
        DMatrixRMaj hv = h.copy();
        checkGradient(act + " x pair-bce (dH)", hv, dH, () -> bce.evaluate(hv, src, dst, target, null), H, RTOL);
        layer.zeroGrad();
        layer.localGradient(x, h, dH);
        checkGradient(act + " x pair-bce (dW, db)", layer.parameters(),
                () -> bce.evaluate(layer.forward(x, null), src, dst, target, null), H, RTOL);
    }
}
