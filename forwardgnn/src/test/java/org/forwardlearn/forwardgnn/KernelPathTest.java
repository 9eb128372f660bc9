package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.forwardlearn.core.kernel.Kernels;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.Convs;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The performance path (core Kernels, sparse aggregation of sparse inputs, row-restricted products of
 * cached aggregations, gradient accumulation in place) equals the previous path (EJML dense products,
 * full-graph products, dense aggregation) to 1e-10.
 */
class KernelPathTest {
    private static void close(DMatrixRMaj expected, DMatrixRMaj actual) {
        assertEquals(expected.numRows, actual.numRows);
        assertEquals(expected.numCols, actual.numCols);
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertEquals(expected.data[i], actual.data[i], 1e-10 * Math.max(1, Math.abs(expected.data[i])), "entry " + i);
        }
    }

    @Test
    void sparseProductsMatchDense() {
        GraphData g = TestGraphs.planted(60, 3, 40, true, 5);
        Csr a = g.topology().gcn(), x = g.features().toCsr();
        DMatrixRMaj ref = new DMatrixRMaj(1, 1);
        CommonOps_DDRM.mult(a.toDense(), x.toDense(), ref);
        close(ref, a.multSparse(x).toDense());
        close(ref, g.features().aggregateNodes(a).toDense());
        DMatrixRMaj gr = new DMatrixRMaj(60, 7);
        for (int i = 0; i < gr.data.length; i++) gr.data[i] = Math.sin(i);
        DMatrixRMaj acc = new DMatrixRMaj(40, 7), exp = new DMatrixRMaj(40, 7);
        CommonOps_DDRM.multTransA(x.toDense(), gr, exp);
        x.multAddTransposed(gr, acc);
        close(exp, acc);
    }

    @ParameterizedTest
    @CsvSource({"gcn,true", "gcn,false", "sage,true", "sage,false", "gat,true"})
    void rowRestrictedKernelPathEqualsFullEjmlPath(String kind, boolean sparse) {
        GraphData g = TestGraphs.planted(80, 4, 48, sparse, 9);
        int[] rows = {3, 0, 17, 42, 79, 55, 8};
        DMatrixRMaj dzRows = new DMatrixRMaj(rows.length, 16);
        for (int i = 0; i < dzRows.data.length; i++) dzRows.data[i] = Math.cos(0.7 * i);
        DMatrixRMaj dzFull = new DMatrixRMaj(80, 16);
        for (int t = 0; t < rows.length; t++) for (int j = 0; j < 16; j++) dzFull.set(rows[t], j, dzRows.get(t, j));

        Kernels.Backend saved = Kernels.backend();
        GraphConv ref, fast;
        DMatrixRMaj zRef, zFast;
        try {
            Kernels.use(Kernels.Backend.EJML);
            ref = Convs.create(kind, 48, 16, new Random(3));
            ConvInput in = new ConvInput(g.features(), g.topology(), true);
            zRef = ref.preActivation(in);
            ref.backward(in, dzFull);
        } finally {
            Kernels.use(saved);
        }
        fast = Convs.create(kind, 48, 16, new Random(3));
        ConvInput in = new ConvInput(g.features(), g.topology(), true);
        zFast = fast.preActivation(in, rows);
        fast.backward(in, rows, dzRows);
        DMatrixRMaj zSel = new DMatrixRMaj(rows.length, 16);
        for (int t = 0; t < rows.length; t++) for (int j = 0; j < 16; j++) zSel.set(t, j, zRef.get(rows[t], j));
        close(zSel, zFast);
        List<Parameter> pr = ref.parameters(), pf = fast.parameters();
        for (int p = 0; p < pr.size(); p++) close(pr.get(p).grad(), pf.get(p).grad());
    }

    @Test
    void vectorCsrProductsMatchEjml() {
        GraphData g = TestGraphs.planted(70, 3, 40, true, 4);
        Csr x = g.features().toCsr();
        for (int d : new int[] {1, 7, 50, 128}) {
            DMatrixRMaj b = new DMatrixRMaj(40, d);
            for (int i = 0; i < b.data.length; i++) b.data[i] = Math.sin(0.3 * i);
            DMatrixRMaj ref = new DMatrixRMaj(1, 1);
            CommonOps_DDRM.mult(x.toDense(), b, ref);
            close(ref, x.mult(b, null));
            DMatrixRMaj acc = new DMatrixRMaj(70, d);
            acc.fill(1.5);
            x.multAdd(b, acc);
            for (int i = 0; i < ref.data.length; i++) ref.data[i] += 1.5;
            close(ref, acc);
        }
    }

    @Test
    void denseInputAggregationIsUnchanged() {
        GraphData g = TestGraphs.planted(50, 3, 20, false, 2);
        NodeMatrix x = g.features();
        close(x.aggregate(g.topology().gcn()), x.aggregateNodes(g.topology().gcn()).toDense());
    }
}
