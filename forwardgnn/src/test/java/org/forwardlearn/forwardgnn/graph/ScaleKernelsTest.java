package org.forwardlearn.forwardgnn.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.core.kernel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The large-graph kernels: the GCN aggregation of selected rows from the int CSR equals the materialised operator's
 * product (bit for bit on plain double rows), views (row scales, appended virtual rows) and float32 storage agree with
 * the materialised matrices, the shared-base virtual-node topology equals the rebuilt one, and the parallel kernels
 * equal the single-threaded ones (row-parallel: bit for bit; reductions: 1e-12 relative, and identical for any thread count).
 */
class ScaleKernelsTest {
    private final int saved = Parallel.threads();

    @AfterEach
    void restore() { Parallel.setThreads(saved); }

    static Topology randomGraph(int n, int m, long seed) {
        Random r = new Random(seed);
        int[] u = new int[m], v = new int[m];
        for (int k = 0; k < m; k++) { u[k] = r.nextInt(n); v[k] = r.nextInt(n); }
        return Topology.undirected(n, u, v);
    }

    static DMatrixRMaj random(int rows, int cols, long seed) {
        Random r = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < x.data.length; i++) x.data[i] = r.nextDouble();
        return x;
    }

    static int[] someRows(int n, int count, long seed) {
        Random r = new Random(seed);
        int[] s = new int[count];
        for (int i = 0; i < count; i++) s[i] = r.nextInt(n);
        return s;
    }

    static double maxRelative(DMatrixRMaj a, DMatrixRMaj b) {
        double m = 0, scale = 0;
        for (int i = 0; i < a.data.length; i++) scale = Math.max(scale, Math.abs(b.data[i]));
        for (int i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
        return m / scale;
    }

    @Test
    void gcnRowsEqualTheOperatorBitForBit() {
        int n = 12_000;
        Topology t = randomGraph(n, 40_000, 1);
        DMatrixRMaj x = random(n, 40, 2);
        int[] sel = someRows(n, 9_000, 3);
        DMatrixRMaj expected = t.gcn().selectRows(sel).mult(x, null);
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            DMatrixRMaj got = RowStore.ofDoubles(n, 40, x.data).gcnRows(t, sel);
            assertArrayEquals(expected.data, got.data, 0.0, threads + " threads");
        }
    }

    @Test
    void sharedBaseVirtualNodesEqualTheRebuiltGraph() {
        int n = 3_000, c = 4;
        Topology t = randomGraph(n, 9_000, 4);
        int[] wired = new int[800], cls = new int[800];
        for (int k = 0; k < wired.length; k++) { wired[k] = 3 * k + 1; cls[k] = k % c; }
        for (boolean both : new boolean[] {true, false}) {
            Topology shared = t.withAppended(c, wired, cls, both);
            int[][] e = t.edges();
            int m = e[0].length, x = wired.length * (both ? 2 : 1);
            int[] src = java.util.Arrays.copyOf(e[0], m + x), dst = java.util.Arrays.copyOf(e[1], m + x);
            int p = m;
            for (int k = 0; k < wired.length; k++) {
                src[p] = wired[k]; dst[p++] = n + cls[k];
                if (both) { src[p] = n + cls[k]; dst[p++] = wired[k]; }
            }
            Topology rebuilt = Topology.fromEdges(n + c, src, dst);
            assertEquals(rebuilt.numEdges(), shared.numEdges());
            assertArrayEquals(rebuilt.edges()[0], shared.edges()[0]);
            assertArrayEquals(rebuilt.edges()[1], shared.edges()[1]);
            // the on-the-fly rows (base + appended feature rows, scaled) equal the rebuilt operator on the materialised matrix
            DMatrixRMaj base = random(n, 24, 5), virt = random(c, 24, 6);
            RowStore view = RowStore.ofDoubles(n, 24, base.data).withAppendedRows(virt).rowL2Normalized();
            DMatrixRMaj all = view.toDense();
            int[] sel = new int[n + c];
            for (int i = 0; i < sel.length; i++) sel[i] = i;
            DMatrixRMaj expected = rebuilt.gcn().mult(all, null);
            assertTrue(maxRelative(view.gcnRows(shared, sel), expected) < 1e-12, "appended, scaled rows");
        }
    }

    @Test
    void rowNormalisationViewsEqualTheCopies() {
        int n = 500;
        DMatrixRMaj x = random(n, 30, 7);
        RowStore v = RowStore.ofDoubles(n, 30, x.data.clone()).normalizedRows(org.forwardlearn.datasets.table.FeatureNorm.ROW_SUM.fit(null, null), null).rowL2Normalized();
        DMatrixRMaj expected = NodeMatrix.dense(NodeMatrix.sparse(Csr.fromDense(x).rowSumNormalized()).toDense()).rowL2Normalized().toDense();
        assertTrue(maxRelative(v.toDense(), expected) < 1e-12);
        RowStore owned = RowStore.allocate(n, 30, false);
        for (int i = 0; i < n; i++) owned.setRow(i, x.data, i * 30);
        assertArrayEquals(NodeMatrix.dense(x).rowL2Normalized().toDense().data, owned.normalizeRowsInPlace().toDense().data, 0.0,
                "in-place normalisation = DenseNodes' copy, bit for bit");
        assertThrows(IllegalStateException.class, v::normalizeRowsInPlace);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RowStore.ofDoubles(3, 4, new double[11]));
        assertTrue(e.getMessage().contains("(got 11)"), e.getMessage());
    }

    /** Products-like data (the preset's 100 rectified features, 47 classes, degree 50) on 8,000 nodes, stored in float32 and double. */
    @Test
    void floatStorageIsWithin1e5OfDouble() {
        org.forwardlearn.datasets.generate.CsbmSpec p = org.forwardlearn.datasets.generate.CsbmSpec.products(9);
        org.forwardlearn.datasets.generate.CsbmSpec spec = new org.forwardlearn.datasets.generate.CsbmSpec(8_000, 200_000,
                p.features(), p.classes(), p.homophily(), p.signal(), 0, 0, 9);
        GraphData gd = GraphData.from(org.forwardlearn.datasets.generate.StreamingCsbm.generate("d", spec, false)).withRowSumNormalizedFeatures();
        GraphData gf = GraphData.from(org.forwardlearn.datasets.generate.StreamingCsbm.generate("f", spec, true)).withRowSumNormalizedFeatures();
        int[] sel = someRows(8_000, 3_000, 10);
        DMatrixRMaj d = ((RowStore) gd.features()).rowL2Normalized().gcnRows(gd.topology(), sel);
        DMatrixRMaj s = ((RowStore) gf.features()).rowL2Normalized().gcnRows(gf.topology(), sel);
        double rel = maxRelative(s, d);
        assertTrue(rel < 1e-5 && rel > 0, "float32 storage relative error " + rel);
    }

    @Test
    void parallelSparseProductsEqualSingleThreaded() {
        int n = 20_000;
        Topology t = randomGraph(n, 60_000, 11);
        DMatrixRMaj x = random(n, 33, 12);
        Parallel.setThreads(1);
        DMatrixRMaj one = t.gcn().mult(x, null);
        DMatrixRMaj oneT = random(n, 33, 13);
        t.gcnTransposed().multAdd(x, oneT);
        Parallel.setThreads(2);
        DMatrixRMaj two = t.gcn().mult(x, null);
        DMatrixRMaj twoT = random(n, 33, 13);
        t.gcnTransposed().multAdd(x, twoT);
        assertArrayEquals(one.data, two.data, 0.0);
        assertArrayEquals(oneT.data, twoT.data, 0.0);
    }

    @Test
    void parallelDenseProductsEqualSingleThreaded() {
        DMatrixRMaj a = random(30_000, 48, 14), w = random(48, 40, 15), g = random(30_000, 40, 16);
        Parallel.setThreads(1);
        DMatrixRMaj z1 = Kernels.mult(a, w, null), gw1 = Kernels.multTransA(a, g, null);
        DMatrixRMaj[] z = new DMatrixRMaj[4], gw = new DMatrixRMaj[4];
        for (int threads = 2; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            z[threads] = Kernels.mult(a, w, null);
            gw[threads] = Kernels.multTransA(a, g, null);
            DMatrixRMaj acc = gw1.copy();
            Kernels.multAddTransA(a, g, acc);
            for (int i = 0; i < acc.data.length; i++) assertEquals(2 * gw1.data[i], acc.data[i], 1e-12 * Math.abs(gw1.data[i]));
        }
        assertTrue(maxRelative(z[2], z1) <= 1e-12, "row blocks " + maxRelative(z[2], z1));
        assertTrue(maxRelative(gw[2], gw1) <= 1e-12, "reduction blocks " + maxRelative(gw[2], gw1));
        assertArrayEquals(z[2].data, z[3].data, 0.0, "the split does not depend on the thread count");
        assertArrayEquals(gw[2].data, gw[3].data, 0.0, "the split does not depend on the thread count");
    }
}
