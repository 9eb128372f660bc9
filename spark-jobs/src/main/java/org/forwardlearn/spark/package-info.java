/** Spark distribution of forwardlearn: the spark-submit entry point {@link org.forwardlearn.spark.ForwardGnnJob} and its options. */
package org.forwardlearn.spark;
