package org.forwardlearn.datasets;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loads every available dataset once and reports the wall time (the figures in datasets/README.md). */
class LoadTimesTest {

    @Test
    void everyAvailableDatasetLoadsInReasonableTime() {
        List<String> graphs = List.of("cora", "citeseer", "citationfull-cora_ml", "citationfull-citeseer",
                "gnnbench-cora", "gnnbench-citeseer", "cora-linqs", "csbm");
        List<String> samples = List.of("fashion-mnist", "vowels", "vowels-pff", "digits");
        StringBuilder report = new StringBuilder("load times (ms):");
        for (String n : graphs) {
            long t0 = System.nanoTime();
            Datasets.loadGraph(n, TestData.dir());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            report.append(' ').append(n).append('=').append(ms);
            assertTrue(ms < 30_000, n + " took " + ms + " ms");
        }
        for (String n : samples) {
            long t0 = System.nanoTime();
            Datasets.loadSamples(n, TestData.dir());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            report.append(' ').append(n).append('=').append(ms);
            assertTrue(ms < 30_000, n + " took " + ms + " ms");
        }
        long t0 = System.nanoTime();
        Datasets.loadAcousticPairs(TestData.dir());
        report.append(" phyll-acoustic=").append((System.nanoTime() - t0) / 1_000_000);
        System.out.println(report);
    }
}
