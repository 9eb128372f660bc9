package org.forwardlearn.spark.train;

import java.io.Serializable;

/**
 * One partition's own rows as they enter a layer, in the partition's own-row order ({@link PartGraph}): the layer input
 * x (own x width, row-L2-normalised, row-major) and the class distributions summed over the finished layers
 * (own x classes). Primitive arrays only.
 */
public record LayerRows(int part, int width, double[] x, double[] cum) implements Serializable { }
