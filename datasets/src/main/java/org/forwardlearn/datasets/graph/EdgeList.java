package org.forwardlearn.datasets.graph;

import java.util.Arrays;

/**
 * A list of directed (or, by convention of the producer, undirected) edges {@code src[k] -> dst[k]}.
 * Immutable: the arrays are copied in and out.
 */
public final class EdgeList {
    private final int[] src;
    private final int[] dst;

    public EdgeList(int[] src, int[] dst) {
        if (src.length != dst.length) {
            throw new IllegalArgumentException("Expected src and dst of equal length (got " + src.length + " and "
                    + dst.length + ")");
        }
        this.src = src.clone();
        this.dst = dst.clone();
    }

    public int size() {
        return src.length;
    }

    public int src(int k) {
        return src[k];
    }

    public int dst(int k) {
        return dst[k];
    }

    public int[] srcArray() {
        return src.clone();
    }

    public int[] dstArray() {
        return dst.clone();
    }

    /** Concatenation of this list and {@code other}. */
    public EdgeList concat(EdgeList other) {
        int[] s = Arrays.copyOf(src, src.length + other.src.length);
        int[] d = Arrays.copyOf(dst, dst.length + other.dst.length);
        System.arraycopy(other.src, 0, s, src.length, other.src.length);
        System.arraycopy(other.dst, 0, d, dst.length, other.dst.length);
        return new EdgeList(s, d);
    }

    /**
     * The symmetric N x N adjacency with an entry for both directions of every edge (duplicates merged,
     * self-loops kept), e.g. the message-passing graph of a link split.
     */
    public org.ejml.data.DMatrixSparseCSC toSymmetricAdjacency(int numNodes) {
        return AdjacencyOps.build(numNodes, src, dst, src.length, true, false).adjacency();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EdgeList e && Arrays.equals(src, e.src) && Arrays.equals(dst, e.dst);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(src) + Arrays.hashCode(dst);
    }

    @Override
    public String toString() {
        return "EdgeList[" + size() + " edges]";
    }
}
