/** Reading and validating GraphFrames-style node/edge tables (Parquet or CSV) before any compute. */
package org.forwardlearn.spark.input;
