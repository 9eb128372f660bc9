package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.layer.Parameter;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Topology;
import org.forwardlearn.forwardgnn.layer.ConvInput;
import org.forwardlearn.forwardgnn.layer.GatConv;
import org.junit.jupiter.api.Test;

/**
 * GatConv against PyG's GATConv semantics on tiny directed graphs: messages flow source -> target,
 * e_ij = LeakyReLU_0.2(a_src . W x_j + a_dst . W x_i) for every edge j -> i plus the self-loop i -> i,
 * softmax over the edges into i, heads concatenated (or averaged), bias added after.
 */
class GatReferenceTest {

    /** One head of width 1, W = [1], a_src = 1, a_dst = 0.5, bias 0.1; edges 0 -> 1, 2 -> 1 (directed). */
    @Test
    void singleHeadMatchesHandComputedCase() {
        Topology t = Topology.fromEdges(3, new int[] {0, 2}, new int[] {1, 1});
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1}, {2}, {-3}});
        GatConv c = new GatConv(1, 1, 1, true, new Random(0));
        set(c, 0, 1.0);
        set(c, 1, 1.0);
        set(c, 2, 0.5);
        set(c, 3, 0.1);
        DMatrixRMaj z = c.preActivation(new ConvInput(NodeMatrix.dense(x), t, false));
        // Node 0 and node 2 receive only their self-loop: z = x + bias.
        assertEquals(1.1, z.get(0, 0), 1e-12);
        assertEquals(-2.9, z.get(2, 0), 1e-12);
        // Node 1 receives from 0, 1 (self) and 2: e = LeakyReLU(x_j + 0.5 * 2) = 2, 3, -0.4.
        double e0 = 2, e1 = 3, e2 = -0.4;
        double s = Math.exp(e0) + Math.exp(e1) + Math.exp(e2);
        double expected = (Math.exp(e0) * 1 + Math.exp(e1) * 2 + Math.exp(e2) * -3) / s + 0.1;
        assertEquals(expected, z.get(1, 0), 1e-12);
    }

    @Test
    void multiHeadMatchesEdgeListReference() {
        Random rng = new Random(11);
        int n = 6, in = 5, heads = 3, hd = 2;
        int[] src = {0, 1, 2, 3, 4, 5, 0, 3, 5, 2};
        int[] dst = {1, 2, 3, 4, 5, 0, 3, 0, 1, 1};
        Topology t = Topology.fromEdges(n, src, dst);
        DMatrixRMaj x = new DMatrixRMaj(n, in);
        for (int i = 0; i < x.data.length; i++) x.data[i] = rng.nextGaussian();
        for (boolean concat : new boolean[] {true, false}) {
            GatConv c = new GatConv(in, concat ? heads * hd : hd, heads, concat, rng);
            for (Parameter p : c.parameters()) for (int k = 0; k < p.size(); k++) p.value().data[k] = 2 * rng.nextGaussian();
            DMatrixRMaj z = c.preActivation(new ConvInput(NodeMatrix.dense(x), t, false));
            DMatrixRMaj ref = reference(c.parameters(), x, src, dst, heads, hd, concat);
            for (int k = 0; k < ref.data.length; k++) assertEquals(ref.data[k], z.data[k], 1e-10, "concat=" + concat + " [" + k + "]");
        }
    }

    /** A direct transcription of PyG's GATConv over an edge list with self-loops added. */
    private static DMatrixRMaj reference(List<Parameter> ps, DMatrixRMaj x, int[] src0, int[] dst0, int heads, int hd, boolean concat) {
        int n = x.numRows, m = src0.length + n;
        int[] src = new int[m], dst = new int[m];
        for (int k = 0; k < src0.length; k++) { src[k] = src0[k]; dst[k] = dst0[k]; }
        for (int i = 0; i < n; i++) { src[src0.length + i] = i; dst[src0.length + i] = i; }
        DMatrixRMaj w = ps.get(0).value(), as = ps.get(1).value(), ad = ps.get(2).value(), b = ps.get(3).value();
        double[][] p = new double[n][heads * hd];
        for (int i = 0; i < n; i++) for (int o = 0; o < heads * hd; o++) for (int f = 0; f < x.numCols; f++) p[i][o] += x.get(i, f) * w.get(f, o);
        int out = concat ? heads * hd : hd;
        DMatrixRMaj z = new DMatrixRMaj(n, out);
        for (int h = 0; h < heads; h++) {
            double[] e = new double[m];
            double[] max = new double[n], sum = new double[n];
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int k = 0; k < m; k++) {
                double v = 0;
                for (int t = 0; t < hd; t++) v += as.get(h, t) * p[src[k]][h * hd + t] + ad.get(h, t) * p[dst[k]][h * hd + t];
                e[k] = v > 0 ? v : 0.2 * v;
                max[dst[k]] = Math.max(max[dst[k]], e[k]);
            }
            for (int k = 0; k < m; k++) sum[dst[k]] += Math.exp(e[k] - max[dst[k]]);
            for (int k = 0; k < m; k++) {
                double alpha = Math.exp(e[k] - max[dst[k]]) / sum[dst[k]];
                for (int t = 0; t < hd; t++) {
                    int col = concat ? h * hd + t : t;
                    z.add(dst[k], col, alpha * p[src[k]][h * hd + t] * (concat ? 1 : 1.0 / heads));
                }
            }
        }
        for (int i = 0; i < n; i++) for (int o = 0; o < out; o++) z.add(i, o, b.get(0, o));
        return z;
    }

    private static void set(GatConv c, int param, double v) { c.parameters().get(param).value().data[0] = v; }
}
