package org.forwardlearn.spark.partition;

import org.apache.spark.Partitioner;

/** Sends a {@link PackedKey} to the partition stored in its top bits. */
public final class PartPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;

    public PartPartitioner(int partitions) {
        if (partitions < 1 || partitions >= (1 << 23)) {
            throw new IllegalArgumentException("Expected partitions in [1, 8388607] (got " + partitions + ")");
        }
        this.partitions = partitions;
    }

    @Override public int numPartitions() { return partitions; }

    @Override public int getPartition(Object key) { return PackedKey.part((Long) key); }

    @Override public boolean equals(Object o) { return o instanceof PartPartitioner p && p.partitions == partitions; }

    @Override public int hashCode() { return partitions; }
}
