/** Outputs of a run: predictions and embeddings (Parquet), result.json, model checkpoint on Hadoop paths. */
package org.forwardlearn.spark.output;
