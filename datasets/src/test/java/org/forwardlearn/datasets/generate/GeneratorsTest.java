package org.forwardlearn.datasets.generate;

import org.forwardlearn.datasets.SampleSet;
import org.forwardlearn.datasets.graph.Graph;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorsTest {

    @Test
    void csbmEdgeCountsMatchProbabilities() {
        int n = 4000;
        Graph g = Csbm.builder().nodes(n).classes(4).probabilities(0.01, 0.001).features(8).signal(2).seed(5).build()
                .generate("csbm");
        assertTrue(g.isSymmetric());
        assertEquals(0, g.selfLoopCount());
        // expected intra: 4 * C(1000, 2) * 0.01 = 19980; inter: 6 * 1000^2 * 0.001 = 6000
        int[] y = g.labels();
        long intra = 0;
        long inter = 0;
        org.ejml.data.DMatrixSparseCSC a = g.adjacency();
        for (int j = 0; j < n; j++) {
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                if (a.nz_rows[k] < j) {
                    if (y[a.nz_rows[k]] == y[j]) intra++; else inter++;
                }
            }
        }
        assertEquals(19980, intra, 5 * Math.sqrt(19980));
        assertEquals(6000, inter, 5 * Math.sqrt(6000));
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000}, g.classCounts());
        // class signal: mean distance between class means ~ signal * sqrt(2)
        double[][] mean = new double[4][8];
        for (int i = 0; i < n; i++) for (int k = 0; k < 8; k++) mean[y[i]][k] += g.features().get(i, k) / 1000;
        double d = 0;
        for (int k = 0; k < 8; k++) d += Math.pow(mean[0][k] - mean[1][k], 2);
        assertTrue(Math.sqrt(d) > 1.0 && Math.sqrt(d) < 4.1, "distance " + Math.sqrt(d));
        Graph again = Csbm.builder().nodes(n).classes(4).probabilities(0.01, 0.001).features(8).signal(2).seed(5)
                .build().generate("csbm");
        assertEquals(g.numStoredEdges(), again.numStoredEdges());
        assertArrayEquals(g.labels(), again.labels());
    }

    @Test
    void csbmStreamsLargeGraphsFromAverageDegree() {
        long t0 = System.nanoTime();
        Graph g = Csbm.builder().nodes(300_000).classes(5).averageDegree(6, 0.9).features(2).seed(1).build()
                .generate("big");
        double seconds = (System.nanoTime() - t0) / 1e9;
        double avg = 2.0 * g.undirectedEdgeCount() / g.numNodes();
        assertEquals(6.0, avg, 0.1);
        assertTrue(seconds < 20, "took " + seconds + " s");
    }

    @Test
    void gaussianClusters() {
        SampleSet s = GaussianClusters.generate("g", 3, 5, 100, 20, 4.0, 9);
        assertEquals(300, s.numTrain());
        assertEquals(60, s.numTest());
        assertArrayEquals(new int[] {100, 100, 100}, s.classCounts(true));
        double[] m = new double[5];
        for (int i = 0; i < 300; i += 3) for (int k = 0; k < 5; k++) m[k] += s.trainValue(i, k) / 100;
        double norm = 0;
        for (double v : m) norm += v * v;
        assertEquals(4.0, Math.sqrt(norm), 0.5);
    }
}
