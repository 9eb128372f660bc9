package org.forwardlearn.forwardgnn;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.forwardgnn.graph.Csr;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.NodeMatrix;
import org.forwardlearn.forwardgnn.graph.Split;
import org.forwardlearn.forwardgnn.graph.Topology;

/** Small synthetic graphs for the tests: a planted-partition graph whose features hint at the class. */
public final class TestGraphs {
    private TestGraphs() { }

    public static GraphData planted(int n, int classes, int features, boolean sparse, long seed) {
        Random r = new Random(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = i % classes;
        int m = 0;
        int[] u = new int[n * n], v = new int[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double p = labels[i] == labels[j] ? 4.0 / n * classes : 0.5 / n;
                if (r.nextDouble() < p) { u[m] = i; v[m] = j; m++; }
            }
        }
        Topology t = Topology.undirected(n, java.util.Arrays.copyOf(u, m), java.util.Arrays.copyOf(v, m));
        DMatrixRMaj x = new DMatrixRMaj(n, features);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features; j++) {
                boolean on = r.nextDouble() < (j % classes == labels[i] ? 0.5 : 0.15);
                if (on) x.set(i, j, 1 + r.nextDouble());
            }
            x.set(i, labels[i] % features, x.get(i, labels[i] % features) + 0.1);
        }
        NodeMatrix f = sparse ? NodeMatrix.sparse(Csr.fromDense(x)) : NodeMatrix.dense(x);
        return new GraphData("planted", t, f, labels, classes);
    }

    /** Nodes 0..: 60 % train, 20 % val, rest test, interleaved. */
    public static Split split(int n) {
        int[] tr = new int[n], va = new int[n], te = new int[n];
        int a = 0, b = 0, c = 0;
        for (int i = 0; i < n; i++) {
            int k = i % 5;
            if (k < 3) tr[a++] = i; else if (k == 3) va[b++] = i; else te[c++] = i;
        }
        return new Split(java.util.Arrays.copyOf(tr, a), java.util.Arrays.copyOf(va, b), java.util.Arrays.copyOf(te, c));
    }
}
