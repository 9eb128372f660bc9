package org.forwardlearn.spark.train;

import org.apache.spark.Partitioner;

/** Sends an Integer key (a partition number) to that partition. */
public final class IntPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;

    public IntPartitioner(int partitions) {
        if (partitions < 1) throw new IllegalArgumentException("Expected partitions >= 1 (got " + partitions + ")");
        this.partitions = partitions;
    }

    @Override public int numPartitions() { return partitions; }

    @Override public int getPartition(Object key) { return (Integer) key; }

    @Override public boolean equals(Object o) { return o instanceof IntPartitioner p && p.partitions == partitions; }

    @Override public int hashCode() { return partitions; }
}
