package org.forwardlearn.datasets.graph;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitTest {

    static Graph ring(int n) {
        int[] s = new int[n];
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
            d[i] = (i + 1) % n;
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % 10 == 0 ? -1 : i % 3;
        return Graph.builder("ring").edges(n, s, d, n, true, true).features(new DMatrixRMaj(n, 1)).labels(y, 3).build();
    }

    @Test
    void aRandomSplitWithTheGeneratorsSeedIsNotClassAligned() {
        long seed = 11;
        Graph g = org.forwardlearn.datasets.generate.Csbm.builder().nodes(3000).classes(3).averageDegree(6, 0.8).features(4)
                .seed(seed).build().generate("csbm");
        NodeSplit s = NodeSplit.random(g.labels(), 0.3, 0.2, seed);
        int[] perClass = new int[3];
        for (int v : s.train()) perClass[g.labels()[v]]++;
        // 900 training nodes; each class holds a third of the graph, so about 300 each (an aligned split gives 900, 0, 0)
        for (int c = 0; c < 3; c++) assertTrue(Math.abs(perClass[c] - 300) < 60, "class " + c + ": " + perClass[c] + " of 900");
    }

    @Test
    void forwardGnnSplitsAre64_16_20OfLabelledNodesAndSeeded() {
        Graph g = ring(1000);
        List<NodeSplit> splits = NodeSplit.forwardGnnSplits(g, 42);
        assertEquals(5, splits.size());
        int labelled = 900;
        for (NodeSplit s : splits) {
            assertEquals((int) Math.floor(0.64 * labelled), s.train().length);
            assertEquals((int) Math.floor(0.16 * labelled), s.val().length);
            assertEquals(labelled - s.train().length - s.val().length, s.test().length);
            Set<Integer> all = new HashSet<>();
            for (int[] part : new int[][] {s.train(), s.val(), s.test()}) {
                for (int v : part) {
                    assertTrue(all.add(v));
                    assertTrue(g.labels()[v] >= 0);
                }
            }
            assertEquals(labelled, all.size());
        }
        assertNotEquals(splits.get(0), splits.get(1));
        assertEquals(splits.get(3), NodeSplit.forwardGnn(g, 3, 42));
        assertNotEquals(splits.get(0), NodeSplit.forwardGnn(g, 0, 43));
    }

    @Test
    void linkSplitPositivesCoverEdgesAndNegativesAreNonEdges() {
        Graph g = ring(200);
        LinkSplit s = LinkSplit.random(g, 7);
        assertEquals(200, s.trainPos().size() + s.valPos().size() + s.testPos().size());
        assertEquals(32, s.valPos().size());
        assertEquals(40, s.testPos().size());
        assertEquals(s.trainPos().size(), s.trainNeg().size());
        assertEquals(s.valPos().size(), s.valNeg().size());
        assertEquals(s.testPos().size(), s.testNeg().size());
        Set<Long> negs = new HashSet<>();
        for (EdgeList neg : new EdgeList[] {s.trainNeg(), s.valNeg(), s.testNeg()}) {
            for (int k = 0; k < neg.size(); k++) {
                int a = neg.src(k);
                int b = neg.dst(k);
                assertTrue(a < b);
                assertFalse(Math.abs(a - b) == 1 || Math.abs(a - b) == 199, "negative is an edge: " + a + "," + b);
                assertTrue(negs.add((long) a * 1000 + b));
            }
        }
        assertEquals(s, LinkSplit.random(g, 7));
        assertNotEquals(s.valNeg(), LinkSplit.random(g, 8).valNeg());
        assertEquals(s.trainPos().size() + s.valPos().size(), s.testMessagePassing().size());
        assertEquals(s.trainPos(), s.valMessagePassing());
        assertEquals(2 * s.trainPos().size(), s.valMessagePassing().toSymmetricAdjacency(200).nz_length);
    }
}
