package org.forwardlearn.datasets.generate;

/**
 * A generated graph in compact form: the symmetric adjacency as one int CSR (row i = the neighbours of node i,
 * sorted, no self-loops, no duplicates), row-major features in float or double (exactly one is non-null),
 * labels and an optional split. Arrays are handed over, not copied.
 *
 * @param name      dataset id
 * @param rowPtr    numNodes + 1 offsets into colIdx
 * @param colIdx    neighbours, 2 x undirected edges entries
 * @param features  number of features per node
 * @param floats    features (numNodes x features) in float32, or null
 * @param doubles   features in float64, or null
 * @param labels    class per node in [0, classes)
 * @param classes   number of classes
 * @param train     training nodes (sorted), or null when the spec has no split
 * @param val       validation nodes, or null
 * @param test      test nodes, or null
 */
public record GeneratedGraph(String name, int[] rowPtr, int[] colIdx, int features, float[] floats, double[] doubles, int[] labels,
                             int classes, int[] train, int[] val, int[] test) {
    public GeneratedGraph {
        if ((floats == null) == (doubles == null)) throw new IllegalArgumentException("Expected exactly one feature array (got "
                + (floats == null ? "none" : "both") + ")");
    }

    public int numNodes() { return rowPtr.length - 1; }

    /** Directed edges (twice the undirected ones). */
    public long directedEdges() { return rowPtr[rowPtr.length - 1]; }

    /** Feature value (i, j). */
    public double feature(int i, int j) {
        long k = (long) i * features + j;
        return floats != null ? floats[(int) k] : doubles[(int) k];
    }
}
