/**
 * Users' own graphs as two tables: {@code nodes(id, label, split, features...)} and {@code edges(src, dst)}.
 * One layout ({@link org.forwardlearn.datasets.table.TableLayout}), one reader of any {@link
 * org.forwardlearn.datasets.table.TableSource} (CSV here, Parquet in module {@code datasets-parquet}), one set of
 * validation rules ({@link org.forwardlearn.datasets.table.TableRules}, also used by the Spark job) and the feature
 * normalisation rules ({@link org.forwardlearn.datasets.table.FeatureNorm}) shared by the local path and Spark.
 */
package org.forwardlearn.datasets.table;
