package org.forwardlearn.datasets.io;

import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.generate.Csbm;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.graph.NodeSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphCsvTest {

    @Test
    void roundTripKeepsEverything(@TempDir Path dir) throws Exception {
        Graph g = Csbm.builder().nodes(60).classes(3).features(4).seed(3).build().generate("c");
        NodeSplit s = NodeSplit.forwardGnn(g, 0, 1);
        GraphCsv.write(g, s, dir);
        assertEquals("src,dst", Files.readAllLines(dir.resolve("edges.csv")).get(0));
        assertTrue(Files.readAllLines(dir.resolve("nodes.csv")).get(0).equals("id,label,split,f0,f1,f2,f3"));
        GraphCsv.Loaded back = GraphCsv.read(dir, "c");
        assertEquals(g.numStoredEdges(), back.graph().numStoredEdges());
        assertTrue(back.graph().isSymmetric());
        assertArrayEquals(g.labels(), back.graph().labels());
        assertEquals(g.features().get(7, 2), back.graph().features().get(7, 2), 0.0);
        assertArrayEquals(sorted(s.train()), back.split().train());
        assertArrayEquals(sorted(s.val()), back.split().val());
        assertArrayEquals(sorted(s.test()), back.split().test());
    }

    private static int[] sorted(int[] a) {
        int[] c = a.clone();
        java.util.Arrays.sort(c);
        return c;
    }

    @Test
    void badCsvNamesFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("nodes.csv"), "id,label,split,f0\n0,1,train,0.5\n1,0,,x\n");
        Files.writeString(dir.resolve("edges.csv"), "src,dst\n0,1\n");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> GraphCsv.read(dir, "g"));
        assertTrue(e.getMessage().contains("nodes.csv (line 3): Expected a finite number (got 'x')"), e.getMessage());
        Files.writeString(dir.resolve("nodes.csv"), "id,label,split,f0\n0,1,train,0.5\n1,0,,1\n");
        Files.writeString(dir.resolve("edges.csv"), "src,dst\n0,5\n");
        e = assertThrows(DatasetFormatException.class, () -> GraphCsv.read(dir, "g"));
        assertTrue(e.getMessage().contains("edges.csv (line 2): Expected a node id in [0, 2) (got 5)"), e.getMessage());
    }
}
