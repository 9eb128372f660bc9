package org.forwardlearn.forwardgnn.graph;

/**
 * Node ids of a train/validation/test split.
 *
 * @param train training nodes (labels visible)
 * @param val   validation nodes
 * @param test  test nodes
 */
public record Split(int[] train, int[] val, int[] test) {
    public Split {
        if (train.length == 0) throw new IllegalArgumentException("Expected at least one training node (got 0)");
    }
}
