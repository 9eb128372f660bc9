package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.Convs;
import org.forwardlearn.forwardgnn.layer.GatConv;
import org.forwardlearn.forwardgnn.layer.GraphConv;
import org.forwardlearn.forwardgnn.layer.ProductConv;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Finite-difference checks of every layer's parameter and input gradients, for both product orders. */
class LayerGradientTest {
    private static GraphConv make(String kind, int in, int out, Random r) {
        return kind.equals("gat-mean") ? new GatConv(in, out, 4, false, r) : Convs.create(kind, in, out, r);
    }

    @ParameterizedTest
    @CsvSource({"gcn,true,true", "gcn,false,true", "gcn,true,false", "gcn,false,false", "sage,true,true", "sage,false,false",
            "sage,false,true", "gat,true,false", "gat,false,true", "gat-mean,false,false"})
    void parameterAndInputGradientsMatchFiniteDifferences(String kind, boolean sparse, boolean constant) {
        GraphData g = TestGraphs.planted(12, 3, 6, sparse, 7);
        Random rng = new Random(3);
        GraphConv c = make(kind, 6, 8, rng);
        ConvInput in = new ConvInput(g.features(), g.topology(), constant);
        DMatrixRMaj r = new DMatrixRMaj(12, 8);
        for (int i = 0; i < r.data.length; i++) r.data[i] = rng.nextGaussian();
        for (Parameter p : c.parameters()) p.zeroGrad();
        c.preActivation(in);
        c.backward(in, r);
        ConvGradients.checkParameters(c, in, r);
        c.preActivation(in);
        ConvGradients.checkInput(c, g, constant, r, c.inputGradient(in, r), 3);
    }

    /**
     * The row-restricted pass (forward learning scores a subset of nodes) and the product form
     * ({@link ProductConv#fromProducts}, used by shared-input graph families) give the full pass's rows and gradients.
     */
    @ParameterizedTest
    @CsvSource({"gcn,true", "gcn,false", "sage,true", "sage,false", "gat,true", "gat,false", "gat-mean,true"})
    void rowPassesAndProductFormMatchTheFullPass(String kind, boolean sparse) {
        GraphData g = TestGraphs.planted(14, 3, 6, sparse, 9);
        Random rng = new Random(5);
        GraphConv c = make(kind, 6, 8, rng);
        int[] rows = {1, 4, 5, 9, 13};
        DMatrixRMaj r = new DMatrixRMaj(rows.length, 8), full = new DMatrixRMaj(14, 8);
        for (int i = 0; i < r.data.length; i++) r.data[i] = rng.nextGaussian();
        for (int t = 0; t < rows.length; t++) System.arraycopy(r.data, t * 8, full.data, rows[t] * 8, 8);
        ConvInput in = new ConvInput(g.features(), g.topology(), true);
        DMatrixRMaj z = c.preActivation(in);
        for (Parameter p : c.parameters()) p.zeroGrad();
        c.backward(in, full);
        double[][] expected = new double[c.parameters().size()][];
        for (int k = 0; k < expected.length; k++) expected[k] = c.parameters().get(k).grad().data.clone();

        ConvInput in2 = new ConvInput(g.features(), g.topology(), true);
        DMatrixRMaj zr = c.preActivation(in2, rows);
        for (int t = 0; t < rows.length; t++) {
            for (int j = 0; j < 8; j++) assertEquals(z.get(rows[t], j), zr.get(t, j), 1e-12, kind + " row " + rows[t]);
        }
        for (Parameter p : c.parameters()) p.zeroGrad();
        c.backward(in2, rows, r);
        for (int k = 0; k < expected.length; k++) {
            double[] got = c.parameters().get(k).grad().data;
            for (int i = 0; i < got.length; i++) assertEquals(expected[k][i], got[i], 1e-12, kind + " rows " + c.parameters().get(k).name());
        }

        ProductConv pc = (ProductConv) c;
        DMatrixRMaj[] p = new DMatrixRMaj[pc.inputWeights().size()];
        for (int k = 0; k < p.length; k++) p[k] = g.features().times(pc.inputWeights().get(k).value(), null);
        ProductConv.Pass pass = pc.fromProducts(g.topology(), p, rows);
        for (int i = 0; i < zr.data.length; i++) assertEquals(zr.data[i], pass.z().data[i], 1e-12, kind + " product form z");
        for (Parameter q : c.parameters()) q.zeroGrad();
        DMatrixRMaj[] dp = pc.backwardFromProducts(pass, r);
        for (int k = 0; k < p.length; k++) g.features().addTransposeTimes(dp[k], pc.inputWeights().get(k).grad());
        for (int k = 0; k < expected.length; k++) {
            double[] got = c.parameters().get(k).grad().data;
            for (int i = 0; i < got.length; i++) assertEquals(expected[k][i], got[i], 1e-12, kind + " product form " + c.parameters().get(k).name());
        }
    }
}
