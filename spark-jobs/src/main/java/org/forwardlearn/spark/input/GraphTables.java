package org.forwardlearn.spark.input;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A validated graph in the GraphFrames layout, normalised to fixed column names and types:
 * {@code nodes(id long, label int, split string, features array<double>)} and {@code edges(src long, dst long)}.
 * Build it with {@link GraphValidator#validate}, which checks everything before any training compute.
 *
 * @param nodes       one row per node; label -1 = unknown; split is train, val, test or other
 * @param edges       directed edges src -> dst between existing nodes
 * @param numFeatures length of every features array
 * @param numClasses  1 + the largest label
 */
public record GraphTables(Dataset<Row> nodes, Dataset<Row> edges, int numFeatures, int numClasses) {
    public static final String ID = "id", LABEL = "label", SPLIT = "split", FEATURES = "features", SRC = "src", DST = "dst";
}
