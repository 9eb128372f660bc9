package org.forwardlearn.datasets.io;

import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.datasets.TestData;
import org.forwardlearn.datasets.graph.Graph;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real npz files against the statistics in the shared README and citationfull/SOURCE.md. */
class NpzGraphLoaderRealTest {

    private static int isolated(Graph g) {
        int c = 0;
        for (int d : g.inDegrees()) if (d == 0) c++;
        return c;
    }

    @Test
    void citationFullCoraMlMatchesPygStatistics() {
        Graph g = Datasets.loadGraph("citationfull-cora_ml", TestData.dir());
        assertEquals(2995, g.numNodes());
        assertEquals(16316, g.numStoredEdges());
        assertEquals(8158, g.undirectedEdgeCount());
        assertTrue(g.isSymmetric());
        assertEquals(0, g.selfLoopCount());
        assertEquals(8416, g.edgeReport().entriesRead());
        assertEquals(0, g.edgeReport().selfLoopsRead());
        assertEquals(2879, g.numFeatures());
        assertEquals(151171, g.features().nonZeros());
        assertEquals(7, g.numClasses());
        assertArrayEquals(new int[] {354, 402, 452, 442, 857, 193, 295}, g.classCounts());
        assertEquals(0, isolated(g));
        assertEquals(1.0, g.features().get(0, 49), 0.0); // binarised like PyG
        assertEquals(0.0, g.features().get(0, 48), 0.0);
        assertEquals("129558", g.nodeNames().orElseThrow().get(0));
        int[] nb = g.inNeighbours(0);
        assertTrue(java.util.Arrays.binarySearch(nb, 1636) >= 0 && java.util.Arrays.binarySearch(nb, 2357) >= 0);
    }

    @Test
    void citationFullCoraMlRawKeepsTfIdfValuesAndDirection() {
        Graph g = NpzGraphLoader.load(TestData.dir().resolve("citationfull/cora_ml.npz"), "raw",
                NpzGraphLoader.Options.RAW);
        assertEquals(8416, g.numStoredEdges());
        assertFalse(g.isSymmetric());
        assertEquals(0.10599937, g.features().get(0, 49), 1e-7);
        assertEquals(0.06255302, g.features().get(0, 66), 1e-7);
    }

    @Test
    void citationFullCiteSeerMatchesPygStatistics() {
        Graph g = Datasets.loadGraph("citationfull-citeseer", TestData.dir());
        assertEquals(4230, g.numNodes());
        assertEquals(10674, g.numStoredEdges());
        assertEquals(5358, g.edgeReport().entriesRead());
        assertEquals(602, g.numFeatures());
        assertEquals(19391, g.features().nonZeros());
        assertEquals(6, g.numClasses());
        assertArrayEquals(new int[] {628, 740, 778, 831, 558, 695}, g.classCounts());
        assertEquals(0, isolated(g));
        assertTrue(g.nodeNames().isEmpty()); // node ids are an object array, never unpickled
    }

    @Test
    void gnnBenchmarkCora() {
        Graph g = Datasets.loadGraph("gnnbench-cora", TestData.dir());
        assertEquals(2708, g.numNodes());
        assertEquals(5429, g.edgeReport().entriesRead());
        assertEquals(0, g.edgeReport().selfLoopsRead());
        assertEquals(0, g.edgeReport().duplicatesRead());
        assertEquals(5278, g.undirectedEdgeCount());
        assertEquals(10556, g.numStoredEdges());
        assertEquals(1433, g.numFeatures());
        assertEquals(49216, g.features().nonZeros());
        assertArrayEquals(new int[] {298, 418, 818, 426, 217, 180, 351}, g.classCounts());
        assertEquals("1000012", g.nodeNames().orElseThrow().get(0));
    }

    @Test
    void gnnBenchmarkCiteSeerReportsSelfLoops() {
        Graph g = Datasets.loadGraph("gnnbench-citeseer", TestData.dir());
        assertEquals(3312, g.numNodes());
        assertEquals(4715, g.edgeReport().entriesRead());
        assertEquals(124, g.edgeReport().selfLoopsRead());
        assertTrue(g.edgeReport().selfLoopsRemoved());
        assertEquals(0, g.selfLoopCount());
        assertEquals(4536, g.undirectedEdgeCount());
        assertEquals(48, isolated(g));
        assertEquals(3703, g.numFeatures());
        assertEquals(105165, g.features().nonZeros());
        assertArrayEquals(new int[] {249, 596, 701, 508, 668, 590}, g.classCounts());
        Graph raw = NpzGraphLoader.load(TestData.dir().resolve("gnn-benchmark-npz/citeseer.npz"), "raw",
                NpzGraphLoader.Options.RAW);
        assertEquals(124, raw.selfLoopCount());
        assertEquals(4715, raw.numStoredEdges());
    }
}
