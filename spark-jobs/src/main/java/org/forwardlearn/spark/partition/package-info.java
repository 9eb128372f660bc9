/** Node partitioning (hash, streaming LDG), packed partition keys and edge-cut/balance reports. */
package org.forwardlearn.spark.partition;
