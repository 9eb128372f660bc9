package org.forwardlearn.datasets;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DatasetInfoTest {

    @Test
    void graphAndSampleSummaries() {
        Map<String, Object> g = DatasetInfo.describe("citationfull-cora_ml", TestData.dir());
        assertEquals(List.of("name", "kind", "nodes", "edges", "features", "classes"), List.copyOf(g.keySet()));
        assertEquals(2995, g.get("nodes"));
        assertEquals(8158L, g.get("edges"));
        assertEquals(2879, g.get("features"));
        assertEquals(7, g.get("classes"));
        Map<String, Object> s = DatasetInfo.describe("digits", TestData.dir());
        assertEquals(List.of("name", "kind", "train", "test", "features", "classes"), List.copyOf(s.keySet()));
        assertEquals(1347, s.get("train"));
        assertEquals(64, s.get("features"));
        Map<String, Object> p = DatasetInfo.describe("phyll-acoustic", TestData.dir());
        assertEquals(10001, p.get("pairs"));
        Map<String, Object> c = DatasetInfo.describe("csbm", TestData.dir());
        assertEquals(1000, c.get("nodes"));
    }
}
