/**
 * Spark ML pipeline stages: {@link org.forwardlearn.spark.ml.ForwardGnnEstimator} and
 * {@link org.forwardlearn.spark.ml.ForwardGnnModel} (MLlib column Params, Spark's DefaultParams persistence layout), and
 * {@link org.forwardlearn.spark.ml.GraphTrainValidationSplit} (graph-aware tuning over a ParamGridBuilder grid).
 */
package org.forwardlearn.spark.ml;
