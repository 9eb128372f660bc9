/**
 * User graph tables ({@link org.forwardlearn.datasets.table.TableLayout}) in Apache Parquet on the local file system,
 * through parquet-java without Hadoop: {@link org.forwardlearn.datasets.parquet.ParquetTables}.
 */
package org.forwardlearn.datasets.parquet;
