package org.forwardlearn.datasets.table;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.graph.EdgeReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user-table reader: ids, split column, labels, edges, and the malformed-input suite (one test per rule). */
class TableGraphReaderTest {
    @TempDir Path dir;

    static final String NODES = "id,label,split,a,b\n"
            + "n7,0,train,1,0.5\n"
            + "x-2,1,train,0,2\n"
            + "42,1,val,3,1\n"
            + "zz,,test,1,1\n"
            + "q,0,other,2,2\n"
            + "r,-1,other,0,0\n";
    static final String EDGES = "src,dst\nn7,x-2\nx-2,42\n42,42\nn7,x-2\nzz,q\nq,r\n";

    Path file(String name, String text) throws Exception { return Files.writeString(dir.resolve(name), text); }

    TableGraph read(String nodes, String edges, boolean directed) throws Exception {
        return TableGraphReader.readCsv(file("nodes.csv", nodes), file("edges.csv", edges), TableOptions.defaults().withDirected(directed));
    }

    String error(String nodes, String edges) {
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> read(nodes, edges, false));
        assertTrue(e.getMessage().contains("Expected "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void idsLabelsSplitAndEdgeReport() throws Exception {
        TableGraph t = read(NODES, EDGES, false);
        assertEquals(List.of("n7", "x-2", "42", "zz", "q", "r"), t.ids());
        assertEquals(List.of("n7", "x-2", "42", "zz", "q", "r"), t.graph().nodeNames().orElseThrow());
        assertArrayEquals(new int[] {0, 1, 1, -1, 0, -1}, t.graph().labels());
        assertArrayEquals(new int[] {0, 1}, t.split().train());
        assertArrayEquals(new int[] {2}, t.split().val());
        assertArrayEquals(new int[0], t.split().test(), "the unlabelled test row is not scored");
        assertEquals(1, t.unscored());
        assertEquals("test", t.splitName(3));
        assertEquals(2, t.graph().numClasses());
        assertEquals(2.0, t.graph().denseFeatures().get(1, 1), 0.0);
        EdgeReport e = t.graph().edgeReport();
        assertEquals(6, e.entriesRead());
        assertEquals(1, e.selfLoopsRead());
        assertEquals(1, e.duplicatesRead());
        assertTrue(e.symmetrised());
        assertEquals(8, t.graph().numStoredEdges(), "4 distinct non-loop edges, both directions");
        assertEquals(0, t.graph().selfLoopCount());
        TableGraph d = read(NODES, EDGES, true);
        assertEquals(4, d.graph().numStoredEdges(), "directed: as listed, loop dropped, duplicate merged");
        assertFalse(d.graph().isSymmetric());
        assertEquals("column 'split' of " + dir.resolve("nodes.csv"), t.splitSource());
        var rep = t.report();
        assertEquals(6, rep.get("nodes"));
        assertEquals(1L, rep.get("self_loops_dropped"));
        assertEquals(1L, rep.get("duplicates_merged"));
        assertEquals(1, rep.get("unscored_val_test"));
        assertEquals(2, rep.get("train"));
    }

    @Test
    void absentSplitColumnGivesTheSeededRandomSplitAndSaysSo() throws Exception {
        StringBuilder nodes = new StringBuilder("id,label,f\n");
        for (int i = 0; i < 100; i++) nodes.append(1000 + 7 * i).append(',').append(i % 3).append(',').append(i).append('\n');
        Path n = file("n.csv", nodes.toString()), e = file("e.csv", "src,dst\n1000,1007\n");
        TableGraph a = TableGraphReader.readCsv(n, e, TableOptions.defaults().withSplitSeed(5));
        TableGraph b = TableGraphReader.readCsv(n, e, TableOptions.defaults().withSplitSeed(5));
        TableGraph c = TableGraphReader.readCsv(n, e, TableOptions.defaults().withSplitSeed(6));
        assertEquals(64, a.split().train().length);
        assertEquals(16, a.split().val().length);
        assertEquals(20, a.split().test().length);
        assertEquals(a.split(), b.split());
        assertNotEquals(a.split(), c.split());
        assertTrue(a.splitSource().contains("random 64/16/20") && a.splitSource().contains("seed 5"), a.splitSource());
        assertEquals("1007", a.ids().get(1));
    }

    @Test
    void csvRoundTripKeepsIdsSplitLabelsFeaturesAndEdges() throws Exception {
        TableGraph t = read(NODES, EDGES, false);
        Path out = dir.resolve("out");
        TableCsv.write(t, out);
        TableGraph r = TableGraphReader.readCsv(out.resolve(TableCsv.NODES), out.resolve(TableCsv.EDGES), TableOptions.defaults());
        assertEquals(t.ids(), r.ids());
        assertArrayEquals(t.splitCode(), r.splitCode());
        assertArrayEquals(t.graph().labels(), r.graph().labels());
        assertArrayEquals(t.graph().denseFeatures().data, r.graph().denseFeatures().data, 0.0);
        assertArrayEquals(t.graph().adjacency().nz_rows, r.graph().adjacency().nz_rows);
        assertArrayEquals(t.graph().adjacency().col_idx, r.graph().adjacency().col_idx);
        try (var s = Files.list(out)) { assertEquals(2, s.count(), "no temporary file left"); }
    }

    @Test
    void quotedIdsWithCommas() throws Exception {
        TableGraph t = read("id,label,split,f\n\"a,b\",0,train,1\n\"c \"\"d\"\"\",1,val,2\n", "src,dst\n\"a,b\",\"c \"\"d\"\"\"\n", false);
        assertEquals(List.of("a,b", "c \"d\""), t.ids());
        assertEquals(2, t.graph().numStoredEdges());
    }

    @Test
    void missingColumn() {
        assertTrue(error("label,split,f\n0,train,1\n", EDGES).endsWith("nodes.csv: Expected column 'id' in nodes (got columns [label, split, f])"));
        assertTrue(error(NODES, "from,dst\nn7,q\n").endsWith("edges.csv: Expected column 'src' in edges (got columns [from, dst])"));
        assertTrue(error("id,label,split\n1,0,train\n", "src,dst\n").contains("Expected at least one numeric feature column"));
    }

    @Test
    void wrongTypeAndBadNumbers() {
        assertTrue(error("id,label,split,f\n1,cat,train,1\n", "src,dst\n").endsWith("nodes.csv (line 2): Expected an integer label >= -1 or empty (got 'cat')"));
        assertTrue(error("id,label,split,f\n1,0,train,1\n2,1,val,abc\n", "src,dst\n")
                .endsWith("nodes.csv (line 3): Expected a finite number in column 'f' (got 'abc')"));
        assertTrue(error("id,label,split,f\n1,0,train,NaN\n", "src,dst\n").contains("(line 2): Expected a finite number"));
        assertTrue(error("id,label,split,f\n1,-2,train,1\n", "src,dst\n").contains("(line 2): Expected an integer label >= -1"));
    }

    @Test
    void missingValues() {
        assertTrue(error("id,label,split,f\n1,0,train,1\n,1,val,2\n", "src,dst\n").endsWith("nodes.csv (line 3): Expected a value in column 'id' (got an empty cell)"));
        assertTrue(error("id,label,split,f\n1,0,train,\n", "src,dst\n").endsWith("(line 2): Expected a value in column 'f' (got an empty cell)"));
        assertTrue(error("id,label,split,f\n1,0,,1\n", "src,dst\n").endsWith("(line 2): Expected a value in column 'split' (got an empty cell)"));
        assertTrue(error(NODES, "src,dst\nn7,\n").endsWith("edges.csv (line 2): Expected a value in column 'dst' (got an empty cell)"));
        assertTrue(error("id,label,split,f\n1,0,train\n", "src,dst\n").endsWith("nodes.csv (line 2): Expected 4 fields as in the header (got 3 fields)"));
    }

    @Test
    void duplicateIdUnknownEndpointBadSplitUnlabelledTraining() {
        assertTrue(error("id,label,split,f\n1,0,train,1\n2,1,val,2\n1,1,test,3\n", "src,dst\n")
                .endsWith("nodes.csv (line 4): Expected unique node ids (got id '1' again, first at line 2)"));
        assertTrue(error(NODES, "src,dst\nn7,x-2\n\nq,nobody\n").endsWith("edges.csv (line 4): Expected edge dst among the node ids of "
                + dir.resolve("nodes.csv") + " (got 'nobody')"));
        assertTrue(error("id,label,split,f\n1,0,training,1\n", "src,dst\n")
                .endsWith("nodes.csv (line 2): Expected split value in [train, val, test, other] (got 'training')"));
        assertTrue(error("id,label,split,f\n1,0,train,1\n2,-1,train,2\n", "src,dst\n")
                .endsWith("nodes.csv (line 3): Expected a label >= 0 on every training node (got node '2' without one)"));
        assertTrue(error("id,label,split,f\n1,0,train,1\n2,,TRAIN,2\n", "src,dst\n").contains("(line 3): Expected a label >= 0"));
    }

    @Test
    void emptyFilesAndUnclosedQuotes() throws Exception {
        assertTrue(error("", EDGES).endsWith("nodes.csv (line 1): Expected a header line (got an empty file)"));
        assertTrue(error("id,label,split,f\n", EDGES).endsWith("nodes.csv: Expected at least one node (got an empty node table)"));
        assertTrue(error("id,label,split,f\n\"1,0,train,1\n", EDGES).contains("(line 2): Expected a closing double quote"));
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> TableGraphReader.readCsv(dir.resolve("none.csv"), dir.resolve("e.csv"), TableOptions.defaults()));
        assertTrue(e.getMessage().endsWith("none.csv: Expected an existing file (got no such file)"), e.getMessage());
    }

    @Test
    void trainabilityAndArrays() throws Exception {
        TableGraph one = read("id,label,split,f\n1,0,train,1\n2,0,val,2\n", "src,dst\n", false);
        assertTrue(assertThrows(DatasetFormatException.class, one::requireTrainable).getMessage()
                .contains("Expected labels of at least two classes (got max label 0)"));
        org.ejml.data.DMatrixRMaj x = new org.ejml.data.DMatrixRMaj(new double[][] {{1}, {2}, {3}});
        TableGraph a = TableGraph.fromArrays("arr", List.of("u", "v", "w"), x, new int[] {0, 1, -1},
                new String[] {"train", "test", "other"}, new int[] {0}, new int[] {2}, false);
        assertArrayEquals(new int[] {0}, a.split().train());
        assertArrayEquals(new int[] {1}, a.split().test());
        assertEquals(2, a.graph().numStoredEdges());
        assertTrue(assertThrows(DatasetFormatException.class, () -> TableGraph.fromArrays("arr", List.of("u", "u", "w"), x,
                new int[] {0, 1, 1}, new String[] {"train", "val", "test"}, new int[0], new int[0], false)).getMessage()
                .contains("Expected unique node ids (got id 'u' again, first at node 0)"));
    }
}
