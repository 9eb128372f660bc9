package org.forwardlearn.core.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.TestUtil;
import org.forwardlearn.core.io.LayerRecord;
import org.junit.jupiter.api.Test;

class LayerTest {
    @Test
    void denseForwardByHand() {
        DMatrixRMaj w = new DMatrixRMaj(2, 3, true, 1, -1, 0.5, 2, 0, -1);
        DMatrixRMaj b = new DMatrixRMaj(1, 3, true, 0.1, 0.2, -0.3);
        DMatrixRMaj x = new DMatrixRMaj(2, 2, true, 1, 2, -1, 0.5);
        // z row 0 = [1+4, -1+0, 0.5-2] + b = [5.1, -0.8, -1.8]; row 1 = [-1+1, 1+0, -0.5-0.5] + b = [0.1, 1.2, -1.3]
        DMatrixRMaj z = new DenseLayer(w, b, Activation.IDENTITY).forward(x, null);
        assertArrayEquals(new double[] {5.1, -0.8, -1.8, 0.1, 1.2, -1.3}, z.data, 1e-15);
        DMatrixRMaj out = new DMatrixRMaj(7, 7);
        DMatrixRMaj r = new DenseLayer(w, b, Activation.RELU).forward(x, out);
        assertSame(out, r);
        assertEquals(2, r.numRows);
        assertArrayEquals(new double[] {5.1, 0, 0, 0.1, 1.2, 0}, java.util.Arrays.copyOf(r.data, 6), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new DenseLayer(w, b, Activation.RELU).forward(new DMatrixRMaj(2, 3), null));
    }

    @Test
    void localGradientAccumulatesAndLeavesItsArgumentsAlone() {
        Random rng = new Random(2);
        DenseLayer l = new DenseLayer(4, 3, Activation.GELU, Init.GLOROT_UNIFORM, rng);
        DMatrixRMaj x = TestUtil.gaussian(5, 4, 1, rng), d = TestUtil.gaussian(5, 3, 1, rng);
        DMatrixRMaj y = l.forward(x, null);
        DMatrixRMaj x0 = x.copy(), y0 = y.copy(), d0 = d.copy();
        l.zeroGrad();
        l.localGradient(x, y, d);
        DMatrixRMaj g1 = l.parameters().get(0).grad().copy();
        l.localGradient(x, y, d);
        DMatrixRMaj g2 = l.parameters().get(0).grad();
        for (int i = 0; i < g1.data.length; i++) assertEquals(2 * g1.data[i], g2.data[i], 1e-12);
        assertTrue(TestUtil.bitEqual(x0, x) && TestUtil.bitEqual(y0, y) && TestUtil.bitEqual(d0, d));
        assertThrows(IllegalArgumentException.class, () -> l.localGradient(x, y, new DMatrixRMaj(5, 2)));
    }

    @Test
    void copyIsDeepAndRecordsRoundTrip() {
        DenseLayer l = new DenseLayer(3, 2, Activation.GELU, Init.HE_NORMAL, new Random(1));
        DenseLayer c = l.copy();
        assertNotSame(l.weight(), c.weight());
        c.weight().set(0, 0, 99);
        assertTrue(l.weight().get(0, 0) != 99);
        LayerRecord r = DenseLayers.toRecord(l);
        DenseLayer back = DenseLayers.fromRecord(r);
        assertEquals(Activation.GELU, back.activation());
        assertTrue(TestUtil.bitEqual(l.weight(), back.weight()) && TestUtil.bitEqual(l.bias(), back.bias()));
        c.copyParametersFrom(l);
        assertTrue(TestUtil.bitEqual(l.weight(), c.weight()));
        assertThrows(IllegalArgumentException.class, () -> c.copyParametersFrom(new DenseLayer(2, 2, Activation.RELU, Init.HE_NORMAL, new Random())));
        assertEquals(3 * 2 + 2, l.parameterCount());
    }

    @Test
    void initialisationsHaveTheirDocumentedScale() {
        int in = 400, out = 300;
        DMatrixRMaj w = new DMatrixRMaj(in, out);
        Init.GLOROT_UNIFORM.fillWeights(w, new Random(1));
        double a = Math.sqrt(6.0 / (in + out));
        assertEquals(a * a / 3, variance(w.data), 0.03 * a * a / 3);
        for (double v : w.data) assertTrue(Math.abs(v) <= a);
        Init.HE_NORMAL.fillWeights(w, new Random(1));
        assertEquals(2.0 / in, variance(w.data), 0.03 * 2.0 / in);
        Init.TORCH_DEFAULT.fillWeights(w, new Random(1));
        assertEquals(1.0 / (3 * in), variance(w.data), 0.03 / (3 * in));
        DMatrixRMaj b = new DMatrixRMaj(1, out);
        Init.HE_NORMAL.fillBias(b, in, new Random(1));
        for (double v : b.data) assertEquals(0.0, v);
        Init.TORCH_DEFAULT.fillBias(b, in, new Random(1));
        for (double v : b.data) assertTrue(Math.abs(v) <= 1 / Math.sqrt(in) && v != 0);
        // seeded: same seed, same weights
        DenseLayer l1 = new DenseLayer(5, 4, Activation.RELU, Init.GLOROT_UNIFORM, new Random(8));
        DenseLayer l2 = new DenseLayer(5, 4, Activation.RELU, Init.GLOROT_UNIFORM, new Random(8));
        assertTrue(TestUtil.bitEqual(l1.weight(), l2.weight()));
    }

    static double variance(double[] v) {
        double m = 0, s = 0;
        for (double x : v) m += x;
        m /= v.length;
        for (double x : v) s += (x - m) * (x - m);
        return s / v.length;
    }

    @Test
    void rowL2Norm() {
        DMatrixRMaj x = new DMatrixRMaj(3, 2, true, 3, 4, 0, 0, -1e-20, 0);
        DMatrixRMaj y = new RowL2Norm(2).forward(x, null);
        assertArrayEquals(new double[] {0.6, 0.8, 0, 0, -1e-8, 0}, y.data, 1e-15); // tiny row divided by eps = 1e-12
        RowL2Norm.apply(x, x, RowL2Norm.DEFAULT_EPS, Math.sqrt(2));
        assertEquals(2.0, x.get(0, 0) * x.get(0, 0) + x.get(0, 1) * x.get(0, 1), 1e-14);
        assertThrows(IllegalArgumentException.class, () -> new RowL2Norm(3).forward(new DMatrixRMaj(1, 2), null));
    }
}
