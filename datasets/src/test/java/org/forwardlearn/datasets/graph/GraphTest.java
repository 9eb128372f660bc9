package org.forwardlearn.datasets.graph;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphTest {

    /** 0->1, 1->0, 1->2, 2->2 (self-loop), 1->2 (duplicate); 3-4 separate; 5 isolated. */
    static Graph small() {
        int[] s = {0, 1, 1, 2, 1, 3};
        int[] d = {1, 0, 2, 2, 2, 4};
        DMatrixRMaj x = new DMatrixRMaj(6, 2);
        for (int i = 0; i < 6; i++) {
            x.set(i, 0, i);
            x.set(i, 1, 1);
        }
        return Graph.builder("small").edges(6, s, d, s.length, false, false).features(x)
                .labels(new int[] {0, 1, 0, 1, -1, 0}, 2).nodeNames(List.of("a", "b", "c", "d", "e", "f")).build();
    }

    @Test
    void countsSelfLoopsDuplicatesAndUndirectedEdges() {
        Graph g = small();
        assertEquals(6, g.edgeReport().entriesRead());
        assertEquals(1, g.edgeReport().duplicatesRead());
        assertEquals(1, g.edgeReport().selfLoopsRead());
        assertEquals(5, g.numStoredEdges());
        assertEquals(1, g.selfLoopCount());
        assertFalse(g.isSymmetric());
        assertEquals(3, g.undirectedEdgeCount()); // {0,1}, {1,2}, {3,4}
        assertArrayEquals(new int[] {3, 2}, g.classCounts());
    }

    @Test
    void symmetrisedAndSelfLoopHelpers() {
        Graph s = small().symmetrised();
        assertTrue(s.isSymmetric());
        assertEquals(3, s.undirectedEdgeCount());
        assertEquals(7, s.numStoredEdges()); // 3 pairs x 2 + 1 self-loop
        Graph l = s.withSelfLoops();
        assertEquals(6, l.selfLoopCount());
        assertEquals(6 + 6, l.numStoredEdges());
        Graph n = l.withoutSelfLoops();
        assertEquals(0, n.selfLoopCount());
        assertEquals(6, n.numStoredEdges());
    }

    @Test
    void gcnNormalisationMatchesClosedForm() {
        Graph g = small().symmetrised();
        DMatrixSparseCSC a = g.gcnNormalized();
        // degrees of A+I (self-loop on 2 counted once): node0: {0,1}=2, node1: {0,1,2}=3, node2: {1,2}=2
        assertEquals(1.0 / 2, a.get(0, 0), 1e-12);
        assertEquals(1.0 / Math.sqrt(6), a.get(0, 1), 1e-12);
        assertEquals(1.0 / Math.sqrt(6), a.get(1, 2), 1e-12);
        assertEquals(1.0 / 2, a.get(2, 2), 1e-12);
        assertEquals(1.0, a.get(5, 5), 1e-12); // isolated node: only its self-loop
        DMatrixSparseCSC m = g.meanNormalized();
        assertEquals(0.5, m.get(1, 0), 1e-12);
        assertEquals(0.5, m.get(1, 2), 1e-12);
        assertEquals(0.0, m.get(5, 5), 0.0);
    }

    @Test
    void rowNormalisedFeaturesSumToOne() {
        Graph g = small().withRowNormalizedFeatures();
        double[] sums = g.features().rowSums();
        for (double s : sums) assertEquals(1.0, s, 1e-12);
        assertEquals(3.0 / 4, g.features().get(3, 0), 1e-12);
        Graph sparse = small().toBuilder().features(small().sparseFeatures()).build().withRowNormalizedFeatures();
        assertTrue(sparse.isSparseFeatures());
        assertEquals(3.0 / 4, sparse.features().get(3, 0), 1e-12);
        assertEquals(1.0, sparse.features().get(0, 1), 1e-12); // row 0 = (0, 1)
    }

    @Test
    void largestConnectedComponentKeepsLabelsNamesAndFeatures() {
        Graph lcc = small().largestConnectedComponent();
        assertEquals(3, lcc.numNodes());
        assertArrayEquals(new int[] {0, 1, 0}, lcc.labels());
        assertEquals(List.of("a", "b", "c"), lcc.nodeNames().orElseThrow());
        assertEquals(2.0, lcc.features().get(2, 0), 0.0);
        assertEquals(2, lcc.undirectedEdgeCount());
        int[] comp = small().connectedComponents();
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 2}, comp);
        Graph sub = small().subgraph(new int[] {4, 3});
        assertEquals(1, sub.numStoredEdges());
        assertEquals(1.0, sub.adjacency().get(1, 0), 0.0); // old 3 -> 4 becomes new 1 -> 0
    }

    @Test
    void accessorsReturnCopies() {
        Graph g = small();
        g.adjacency().set(5, 5, 1.0);
        g.labels()[0] = 1;
        g.denseFeatures().set(0, 0, 99);
        assertEquals(0.0, g.adjacency().get(5, 5), 0.0);
        assertEquals(0, g.labels()[0]);
        assertEquals(0.0, g.features().get(0, 0), 0.0);
    }

    @Test
    void validationRejectsBadInput() {
        DMatrixRMaj x = new DMatrixRMaj(3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Graph.builder("g")
                .edges(3, new int[] {0}, new int[] {3}, 1, false, false));
        assertTrue(e.getMessage().contains("Expected node ids in [0, 3) (got 0 -> 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Graph.builder("g")
                .edges(3, new int[] {0}, new int[] {1}, 1, false, false).features(x).labels(new int[] {0, 2, 0}, 2)
                .build());
        assertTrue(e.getMessage().contains("Expected label in [-1, 2) for node 1 (got 2)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Graph.builder("g")
                .edges(3, new int[] {0}, new int[] {1}, 1, false, false).features(new DMatrixRMaj(2, 1)).build());
        assertTrue(e.getMessage().contains("Expected 3 feature rows (got 2)"), e.getMessage());
        DMatrixSparseCSC bad = new DMatrixSparseCSC(3, 3, 1);
        bad.col_idx[1] = 1;
        bad.col_idx[2] = 1;
        bad.col_idx[3] = 1;
        bad.nz_rows[0] = 7;
        bad.nz_length = 1;
        e = assertThrows(IllegalArgumentException.class, () -> Graph.builder("g").adjacency(bad).features(x).build());
        assertTrue(e.getMessage().contains("Expected row index in [0, 3) (got 7"), e.getMessage());
    }

    @Test
    void duplicateEntriesInAGivenMatrixAreMerged() {
        DMatrixSparseCSC a = new DMatrixSparseCSC(2, 2, 3);
        a.col_idx[0] = 0;
        a.col_idx[1] = 2;
        a.col_idx[2] = 3;
        a.nz_rows[0] = 1;
        a.nz_rows[1] = 1;
        a.nz_rows[2] = 0;
        java.util.Arrays.fill(a.nz_values, 1.0);
        a.nz_length = 3;
        a.indicesSorted = false;
        Graph g = Graph.builder("dup").adjacency(a).features(new DMatrixRMaj(2, 1)).build();
        assertEquals(2, g.numStoredEdges());
        assertTrue(g.isSymmetric());
        assertEquals(1, g.undirectedEdgeCount());
    }
}
