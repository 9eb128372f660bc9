/** A SparkListener that sums Spark's task metrics (shuffle, result bytes, memory) per training phase. */
package org.forwardlearn.spark.metrics;
