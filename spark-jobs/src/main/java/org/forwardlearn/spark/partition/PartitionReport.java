package org.forwardlearn.spark.partition;

import static org.apache.spark.sql.functions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Quality of a node partitioning: the edge cut (fraction of edges whose endpoints lie in different
 * partitions) and the balance (largest partition / mean partition size; 1.0 is perfect).
 */
public record PartitionReport(String method, int partitions, long[] nodesPerPartition, long edges, long cutEdges) {
    public double edgeCut() { return edges == 0 ? 0 : (double) cutEdges / edges; }

    public double balance() {
        long max = 0, sum = 0;
        for (long n : nodesPerPartition) { max = Math.max(max, n); sum += n; }
        return sum == 0 ? 1 : max / ((double) sum / nodesPerPartition.length);
    }

    /** Measures an assignment {@code (id, part)} against an edge table {@code (src, dst)}. */
    public static PartitionReport measure(String method, int partitions, Dataset<Row> assignment, Dataset<Row> edges) {
        long[] sizes = new long[partitions];
        for (Row r : assignment.groupBy("part").count().collectAsList()) sizes[r.getInt(0)] = r.getLong(1);
        Dataset<Row> a = assignment.withColumnRenamed("id", "aid").withColumnRenamed("part", "spart");
        Dataset<Row> b = assignment.withColumnRenamed("id", "bid").withColumnRenamed("part", "dpart");
        List<Row> r = edges.join(a, edges.col("src").equalTo(a.col("aid")))
                .join(b, edges.col("dst").equalTo(b.col("bid")))
                .agg(count(lit(1)), sum(when(col("spart").notEqual(col("dpart")), 1).otherwise(0))).collectAsList();
        long m = r.get(0).getLong(0);
        long cut = r.get(0).isNullAt(1) ? 0 : r.get(0).getLong(1);
        return new PartitionReport(method, partitions, sizes, m, cut);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("partitions", partitions);
        m.put("nodes_per_partition", nodesPerPartition);
        m.put("edges", edges);
        m.put("cut_edges", cutEdges);
        m.put("edge_cut", edgeCut());
        m.put("balance", balance());
        return m;
    }
}
