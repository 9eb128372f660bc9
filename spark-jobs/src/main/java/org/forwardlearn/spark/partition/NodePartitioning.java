package org.forwardlearn.spark.partition;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.forwardlearn.spark.input.GraphTables;

/**
 * Assigns every node to a partition: {@code hash} (a mixed hash of the id, no driver work) or {@code ldg}
 * (streaming linear deterministic greedy over the ids in ascending order; the driver holds the id and edge
 * arrays, about 16 bytes per node and edge, which bounds it to graphs whose edge list fits the driver).
 */
public final class NodePartitioning {
    private static final Logger LOG = LogManager.getLogger(NodePartitioning.class);
    public static final double LDG_SLACK = 0.05;

    private NodePartitioning() {}

    /** Returns {@code (id long, part int)} for every node. */
    public static Dataset<Row> assign(SparkSession spark, GraphTables g, int partitions, String method) {
        String m = method.toLowerCase(Locale.ROOT);
        if (m.equals("hash")) {
            return g.nodes().select(col(GraphTables.ID)).map(
                    (org.apache.spark.api.java.function.MapFunction<Row, Row>) r -> RowFactory.create(r.getLong(0),
                            hashPart(r.getLong(0), partitions)),
                    org.apache.spark.sql.Encoders.row(schema()));
        }
        if (!m.equals("ldg")) throw new IllegalArgumentException("Expected partitioner hash|ldg (got '" + method + "')");
        long[] ids = collectIds(g.nodes());
        List<int[]> chunks = new ArrayList<>();
        int[] buf = new int[1 << 16];
        int fill = 0;
        Iterator<Row> it = g.edges().toLocalIterator();
        long edges = 0;
        while (it.hasNext()) {
            Row r = it.next();
            buf[fill++] = Arrays.binarySearch(ids, r.getLong(0));
            buf[fill++] = Arrays.binarySearch(ids, r.getLong(1));
            edges++;
            if (fill == buf.length) { chunks.add(buf); buf = new int[buf.length]; fill = 0; }
        }
        int[] src = new int[(int) edges], dst = new int[(int) edges];
        int e = 0;
        chunks.add(Arrays.copyOf(buf, fill));
        for (int[] c : chunks) for (int k = 0; k < c.length; k += 2, e++) { src[e] = c[k]; dst[e] = c[k + 1]; }
        long t0 = System.nanoTime();
        int[] part = Ldg.assign(ids.length, src, dst, partitions, LDG_SLACK);
        LOG.info("LDG assigned {} nodes over {} edges to {} partitions in {} ms", ids.length, edges, partitions,
                (System.nanoTime() - t0) / 1_000_000);
        List<Row> rows = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) rows.add(RowFactory.create(ids[i], part[i]));
        return spark.createDataFrame(rows, schema());
    }

    private static long[] collectIds(Dataset<Row> nodes) {
        List<Long> list = new ArrayList<>();
        nodes.select(col(GraphTables.ID)).toLocalIterator().forEachRemaining(r -> list.add(r.getLong(0)));
        long[] ids = new long[list.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = list.get(i);
        Arrays.sort(ids);
        return ids;
    }

    /** The hash partition of an id (a 64-bit mix, so consecutive ids spread evenly). */
    public static int hashPart(long id, int partitions) {
        long h = id * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        return (int) Math.floorMod(h, (long) partitions);
    }

    public static StructType schema() {
        return new StructType().add("id", DataTypes.LongType, false).add("part", DataTypes.IntegerType, false);
    }
}
