package org.forwardlearn.forwardgnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.forwardlearn.datasets.Datasets;
import org.forwardlearn.forwardgnn.graph.GraphData;
import org.forwardlearn.forwardgnn.graph.Split;
import org.junit.jupiter.api.Test;

/** DFA-GNN's split protocol (random 60/20/20 per run, 10 runs) next to ForwardGNN's. */
class SplitProtocolTest {
    @Test
    void randomSplitsHaveTheProtocolSizesAreSeededDisjointAndSkipUnlabelledNodes() {
        int n = 1003;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = i % 17 == 0 ? -1 : i % 5; // 59 unlabelled nodes, as CiteSeer's missing test ids
        int labelled = n - 59;
        assertEquals(10, SplitProtocol.runs(SplitProtocol.RANDOM_60_20_20));
        assertEquals(5, SplitProtocol.runs(SplitProtocol.FORWARD_GNN));
        Split a = SplitProtocol.split(SplitProtocol.RANDOM_60_20_20, labels, 3, 100);
        assertEquals((int) Math.floor(0.6 * labelled), a.train().length);
        assertEquals((int) Math.floor(0.2 * labelled), a.val().length);
        assertEquals(labelled - a.train().length - a.val().length, a.test().length);
        boolean[] seen = new boolean[n];
        for (int[] part : new int[][] {a.train(), a.val(), a.test()}) {
            for (int i : part) {
                assertFalse(seen[i], "node " + i + " in two sets");
                assertTrue(labels[i] >= 0, "unlabelled node " + i + " in a split");
                seen[i] = true;
            }
        }
        Split again = SplitProtocol.split(SplitProtocol.RANDOM_60_20_20, labels, 3, 100);
        assertArrayEquals(a.train(), again.train());
        assertArrayEquals(a.test(), again.test());
        assertFalse(Arrays.equals(a.train(), SplitProtocol.split(SplitProtocol.RANDOM_60_20_20, labels, 4, 100).train()), "index");
        assertFalse(Arrays.equals(a.train(), SplitProtocol.split(SplitProtocol.RANDOM_60_20_20, labels, 3, 101).train()), "seed");
        Split f = SplitProtocol.split(SplitProtocol.FORWARD_GNN, labels, 3, 100);
        assertEquals((int) Math.floor(0.64 * labelled), f.train().length);
        assertThrows(IllegalArgumentException.class, () -> SplitProtocol.split("dfa", labels, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> GnnConfig.defaults().withSplitProtocol("60-20-20"));
        assertThrows(IllegalArgumentException.class, () -> GnnConfig.defaults().withTask("link").withSplitProtocol(SplitProtocol.RANDOM_60_20_20));
    }

    @Test
    void theExperimentTrainsOnTheProtocolSplitAndTheIndexFileListsIt() {
        GraphData g = TestGraphs.planted(100, 3, 8, true, 3);
        GnnConfig c = GnnConfig.defaults().withGraph(g).withSplitProtocol(SplitProtocol.RANDOM_60_20_20).withSplit(2).withSeed(7);
        Split s = GnnExperiment.split(c, g);
        assertArrayEquals(SplitProtocol.split(SplitProtocol.RANDOM_60_20_20, g.labels(), 2, 7).val(), s.val());
        assertEquals(List.of(60, 20, 20), SplitProtocol.indexFile(c.splitProtocol(), 2, 7, "planted", s).get("sizes"));
        Map<String, Object> idx = SplitProtocol.indexFile(c.splitProtocol(), 2, 7, "planted", s);
        assertArrayEquals(s.test(), (int[]) idx.get("test"));
        assertEquals("random-60-20-20", c.toMap().get("split_protocol"));
    }

    /** Planetoid CiteSeer: the 15 test-range ids missing from test.index have label -1 and are in no split. */
    @Test
    void citeSeerMissingTestIdsAreInNoSplit() {
        Path dir = Datasets.defaultDataDir();
        assumeTrue(dir != null && Files.isDirectory(dir.resolve("planetoid")), "Planetoid data not available");
        GraphData g = new GnnExperiment(GnnConfig.defaults().withDataDir(dir).withDataset("citeseer")).loadGraph();
        long unlabelled = Arrays.stream(g.labels()).filter(y -> y < 0).count();
        assertEquals(3327, g.numNodes());
        assertEquals(15, unlabelled);
        Split s = SplitProtocol.split(SplitProtocol.RANDOM_60_20_20, g.labels(), 0, 100);
        assertEquals(3312, s.train().length + s.val().length + s.test().length);
        assertEquals(1987, s.train().length);
        assertEquals(662, s.val().length);
    }
}
