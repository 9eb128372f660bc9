package org.forwardlearn.datasets.io;

import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.datasets.MissingDatasetFileException;
import org.forwardlearn.datasets.TestData;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanetoidRealTest {

    @Test
    void coraMatchesReadmeStatisticsAndPublicSplit() {
        Graph g = Datasets.loadGraph("cora", TestData.dir());
        assertEquals(2708, g.numNodes());
        assertEquals(10556, g.numStoredEdges());
        assertEquals(5278, g.undirectedEdgeCount());
        assertEquals(10858, g.edgeReport().entriesRead());
        assertEquals(302, g.edgeReport().duplicatesRead());
        assertEquals(0, g.edgeReport().selfLoopsRead());
        assertEquals(168, Arrays.stream(g.inDegrees()).max().orElse(0));
        assertEquals(1433, g.numFeatures());
        assertEquals(49216, g.features().nonZeros());
        assertArrayEquals(new int[] {351, 217, 418, 818, 426, 298, 180}, g.classCounts());
        NodeSplit s = g.publicSplit().orElseThrow();
        assertEquals(140, s.train().length);
        assertEquals(500, s.val().length);
        assertEquals(1000, s.test().length);
        assertEquals(140, s.val()[0]);
        assertEquals(1708, s.test()[0]);
        int[] y = g.labels();
        int[] perClass = new int[7];
        for (int v : s.train()) perClass[y[v]]++;
        assertArrayEquals(new int[] {20, 20, 20, 20, 20, 20, 20}, perClass);
        // row 0 of tx belongs to node 2692 (line 1 of test.index); its words and label (ty row 0 = class 3)
        int[] cols = {311, 314, 353, 505, 510, 621, 1075, 1132, 1171, 1226, 1230, 1301, 1379, 1389, 1392};
        double sum = 0;
        for (int j = 0; j < 1433; j++) sum += g.features().get(2692, j);
        assertEquals(cols.length, sum, 0.0);
        for (int c : cols) assertEquals(1.0, g.features().get(2692, c), 0.0);
        assertEquals(3, y[2692]);
        assertEquals(3, y[0]);
    }

    @Test
    void citeSeerPadsIsolatedTestNodes() {
        Graph g = Datasets.loadGraph("citeseer", TestData.dir());
        assertEquals(3327, g.numNodes());
        assertEquals(9104, g.numStoredEdges());
        assertEquals(4552, g.undirectedEdgeCount());
        assertEquals(248, g.edgeReport().selfLoopsRead());
        assertEquals(236, g.edgeReport().duplicatesRead());
        assertEquals(99, Arrays.stream(g.inDegrees()).max().orElse(0));
        int isolated = 0;
        for (int d : g.inDegrees()) if (d == 0) isolated++;
        assertEquals(48, isolated);
        assertEquals(3703, g.numFeatures());
        assertEquals(105165, g.features().nonZeros());
        assertArrayEquals(new int[] {249, 590, 668, 701, 596, 508}, g.classCounts());
        assertEquals(15, Arrays.stream(g.labels()).filter(v -> v < 0).count());
        assertEquals(120, g.publicSplit().orElseThrow().train().length);
        int[] cols = {18, 179, 251, 400, 507, 720, 729, 795, 853, 854, 993, 1071, 1131, 1433, 1891, 1987, 2059, 2143,
            2302, 2411, 2521, 2562, 2594, 2618, 2691, 2722, 2899, 2977, 3175, 3254, 3330, 3403, 3492, 3552};
        for (int c : cols) assertEquals(1.0, g.features().get(5, c), 0.0);
        assertEquals(0.0, g.features().get(5, 19), 0.0);
    }

    @Test
    void pubmedWithoutAllxNamesTheFileAndUrl() {
        MissingDatasetFileException e = assertThrows(MissingDatasetFileException.class,
                () -> Datasets.loadGraph("pubmed", TestData.dir()));
        assertTrue(e.getMessage().contains("ind.pubmed.allx"), e.getMessage());
        assertTrue(e.getMessage().contains("https://github.com/kimiyoung/planetoid/raw/master/data/ind.pubmed.allx"),
                e.getMessage());
    }

    @Test
    void pubmedPartsThatExistParse() {
        java.nio.file.Path dir = TestData.dir().resolve("planetoid");
        CsrParts tx = PlanetoidLoader.csr(dir.resolve("ind.pubmed.tx"));
        assertEquals(1000, tx.rows());
        assertEquals(500, tx.cols());
        assertEquals(50140, tx.nnz());
        int[] ally = PlanetoidLoader.oneHotLabels(dir.resolve("ind.pubmed.ally"));
        assertEquals(18717, ally.length);
        assertEquals(1000, PlanetoidLoader.readIndex(dir.resolve("ind.pubmed.test.index")).length);
    }
}
