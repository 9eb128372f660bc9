/** Distributed single-forward training: one aggregation per layer, per-partition core gradients, treeAggregate, core's layer-wise trainer on the driver, materialised state and resume. */
package org.forwardlearn.spark.train;
