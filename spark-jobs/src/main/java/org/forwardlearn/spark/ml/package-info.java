/** MLlib-style API: {@link org.forwardlearn.spark.ml.ForwardGnnEstimator} and {@link org.forwardlearn.spark.ml.ForwardGnnModel}, with Params and ML persistence. */
package org.forwardlearn.spark.ml;
