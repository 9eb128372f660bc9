package org.forwardlearn.spark.partition;

import org.forwardlearn.spark.input.GraphTables;

/**
 * A node key: the partition number in the top 24 bits and the node id in the low 40 bits of one long, so
 * that every RDD keyed by it is partitioned by {@link PartPartitioner} without a lookup table. Virtual class
 * nodes get ids just above {@link GraphTables#MAX_ID}.
 */
public final class PackedKey {
    public static final int ID_BITS = 40;
    public static final long ID_MASK = (1L << ID_BITS) - 1;
    public static final long VIRTUAL_BASE = GraphTables.MAX_ID + 1;

    private PackedKey() {}

    public static long pack(int part, long id) { return ((long) part << ID_BITS) | id; }

    public static int part(long key) { return (int) (key >>> ID_BITS); }

    public static long id(long key) { return key & ID_MASK; }

    /** The id of class k's virtual node. */
    public static long virtualId(int k) { return VIRTUAL_BASE + k; }

    public static boolean isVirtualId(long id) { return id >= VIRTUAL_BASE; }

    /** Class of a virtual node id. */
    public static int virtualClass(long id) { return (int) (id - VIRTUAL_BASE); }

    /** The hash partition of an id (a 64-bit mix, so consecutive ids spread evenly). */
    public static int hashPart(long id, int partitions) {
        long h = id * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        return (int) Math.floorMod(h, (long) partitions);
    }
}
