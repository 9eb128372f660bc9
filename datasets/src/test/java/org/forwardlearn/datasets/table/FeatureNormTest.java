package org.forwardlearn.datasets.table;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The four normalisation rules against hand-computed values, and row-sum's refusal of signed rows. */
class FeatureNormTest {
    static final DMatrixRMaj X = new DMatrixRMaj(new double[][] {{1, 3}, {0, 0}, {2, 2}, {4, -2}});

    @Test
    void rowRules() {
        DMatrixRMaj s = FeatureNorm.ROW_SUM.fit(X, new int[0]).apply(new DMatrixRMaj(new double[][] {{1, 3}, {0, 0}, {2, 2}}), null);
        assertArrayEquals(new double[] {0.25, 0.75, 0, 0, 0.5, 0.5}, s.data, 1e-15);
        DMatrixRMaj l2 = FeatureNorm.ROW_L2.fit(X, new int[0]).apply(X, null);
        assertEquals(1 / Math.sqrt(10), l2.get(0, 0), 1e-15);
        assertEquals(0, l2.get(1, 0), 0.0);
        assertEquals(-2 / Math.sqrt(20), l2.get(3, 1), 1e-15);
        assertArrayEquals(X.data, FeatureNorm.NONE.fit(X, null).apply(X, null).data, 0.0);
    }

    @Test
    void standardizeUsesTrainingRowsOnly() {
        FeatureNorm.Fitted f = FeatureNorm.STANDARDIZE.fit(X, new int[] {0, 2});
        assertArrayEquals(new double[] {1.5, 2.5}, f.mean(), 1e-15);
        assertArrayEquals(new double[] {2, 2}, f.scale(), 1e-12);   // population sd 0.5 in both columns
        DMatrixRMaj z = f.apply(X, null);
        assertArrayEquals(new double[] {-1, 1, -3, -5, 1, -1, 5, -9}, z.data, 1e-12);
        FeatureNorm.Fitted c = FeatureNorm.STANDARDIZE.fit(new DMatrixRMaj(new double[][] {{3, 1}, {3, 2}}), new int[] {0, 1});
        assertEquals(1.0, c.scale()[0], 0.0, "a constant column is only centred");
        FeatureNorm.Stats a = new FeatureNorm.Stats(2).add(new double[] {1, 3}), b = new FeatureNorm.Stats(2).add(new double[] {2, 2});
        assertArrayEquals(f.mean(), FeatureNorm.STANDARDIZE.fit(a.merge(b)).mean(), 1e-15, "merged partial sums fit the same");
    }

    @Test
    void rowSumRefusesSignedRowsWithTheNodeId() {
        FeatureNorm.Fitted f = FeatureNorm.ROW_SUM.fit(X, null);
        String m = assertThrows(FeatureNorm.RefusedException.class,
                () -> f.apply(new DMatrixRMaj(new double[][] {{1, 1}, {1, -3}}), List.of("a", "node-b"))).getMessage();
        assertEquals("Expected feature rows with a positive sum for features-norm row-sum (got sum -2.0 on node 'node-b'); "
                + "use none, row-l2 or standardize for signed features", m);
        assertThrows(FeatureNorm.RefusedException.class, () -> f.apply(new DMatrixRMaj(new double[][] {{1, -1}}), null), "zero sum");
        assertEquals(FeatureNorm.STANDARDIZE, FeatureNorm.parse(" Standardize "));
        assertEquals("Expected features-norm none|row-sum|row-l2|standardize (got 'l1')",
                assertThrows(IllegalArgumentException.class, () -> FeatureNorm.parse("l1")).getMessage());
    }
}
