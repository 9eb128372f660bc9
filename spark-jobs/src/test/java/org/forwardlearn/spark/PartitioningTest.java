package org.forwardlearn.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.forwardlearn.spark.input.GraphTables;
import org.forwardlearn.spark.input.GraphValidator;
import org.forwardlearn.spark.partition.Ldg;
import org.forwardlearn.spark.partition.NodePartitioning;
import org.forwardlearn.spark.partition.PartitionReport;
import org.junit.jupiter.api.Test;

/**
 * Four 10-cliques joined in a ring by single edges: LDG (ids streamed in ascending order) finds the cliques,
 * hash does not.
 */
class PartitioningTest {
    @Test
    void ldgCutsFewerEdgesThanHashWithGoodBalance() {
        List<Row> nodes = new ArrayList<>();
        List<Long> e = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 10; i++) {
                nodes.add(GraphValidatorTest.n(c * 10 + i, c % 2, i < 5 ? "train" : "test"));
                for (int j = i + 1; j < 10; j++) { e.add((long) c * 10 + i); e.add((long) c * 10 + j); }
            }
            // The ring joins the LAST node of each clique to the last node of the next one. (A ring edge into a
            // clique's first streamed node would pull that node, correctly for LDG, into the neighbour's partition.)
            e.add((long) c * 10 + 9); e.add((long) ((c + 1) % 4) * 10 + 9);
        }
        GraphTables g = GraphValidator.validate(GraphValidatorTest.nodes(nodes.toArray(new Row[0])),
                GraphValidatorTest.edges(e.stream().mapToLong(Long::longValue).toArray()));
        PartitionReport hash = PartitionReport.measure("hash", 4, NodePartitioning.assign(SharedSpark.get(), g, 4, "hash"), g.edges());
        PartitionReport ldg = PartitionReport.measure("ldg", 4, NodePartitioning.assign(SharedSpark.get(), g, 4, "ldg"), g.edges());
        assertEquals(184, ldg.edges());
        assertEquals(4, ldg.cutEdges(), "only the ring edges are cut: " + ldg.toMap());
        assertEquals(1.0, ldg.balance(), 1e-9);
        assertTrue(hash.edgeCut() > 0.5, "hash cuts most edges: " + hash.toMap());
    }

    @Test
    void ldgRespectsCapacity() {
        int[] part = Ldg.assign(100, new int[] {0, 1, 2}, new int[] {1, 2, 3}, 3, 0.0);
        int[] sizes = new int[3];
        for (int p : part) sizes[p]++;
        for (int s : sizes) assertTrue(s <= 34, "capacity ceil(100/3) = 34 (got " + s + ")");
    }
}
