/**
 * Datasets: the entry point {@link org.forwardlearn.datasets.Datasets} (load by name from a data
 * directory), tabular {@link org.forwardlearn.datasets.SampleSet}s, and the exceptions readers throw
 * ({@link org.forwardlearn.datasets.DatasetFormatException}, {@link
 * org.forwardlearn.datasets.MissingDatasetFileException}).
 */
package org.forwardlearn.datasets;
