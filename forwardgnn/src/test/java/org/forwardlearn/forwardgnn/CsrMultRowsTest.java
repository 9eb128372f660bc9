package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.junit.jupiter.api.Test;

/** Csr.multRows over row blocks (how callers split the product across threads) equals the whole product. */
class CsrMultRowsTest {
    @Test
    void blocksOfRowsAssembleTheWholeProduct() {
        Random rng = new Random(5);
        DMatrixRMaj dense = new DMatrixRMaj(37, 23);
        for (int i = 0; i < dense.data.length; i++) if (rng.nextDouble() < 0.2) dense.data[i] = rng.nextGaussian();
        Csr a = Csr.fromDense(dense);
        DMatrixRMaj b = new DMatrixRMaj(23, 35);
        for (int i = 0; i < b.data.length; i++) b.data[i] = rng.nextGaussian();
        DMatrixRMaj whole = a.mult(b, null);
        DMatrixRMaj parts = new DMatrixRMaj(37, 35);
        a.multRows(b, parts, 0, 11);
        a.multRows(b, parts, 11, 11);
        a.multRows(b, parts, 11, 37);
        assertArrayEquals(whole.data, parts.data, 0.0);
    }

    @Test
    void badBoundsAndShapesAreRefused() {
        Csr a = Csr.fromDense(new DMatrixRMaj(4, 3));
        DMatrixRMaj b = new DMatrixRMaj(3, 2);
        assertThrows(IllegalArgumentException.class, () -> a.multRows(b, new DMatrixRMaj(4, 2), 3, 5));
        assertThrows(IllegalArgumentException.class, () -> a.multRows(b, new DMatrixRMaj(4, 2), 2, 1));
        assertThrows(IllegalArgumentException.class, () -> a.multRows(b, new DMatrixRMaj(3, 2), 0, 3));
    }
}
