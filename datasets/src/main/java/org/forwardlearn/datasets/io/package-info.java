/**
 * Readers of the original published file formats: NumPy {@code .npy}/{@code .npz}, Python-2 pickles
 * (Planetoid; a strict opcode subset, nothing is executed), LINQS text, IDX, Hillenbrand vowels, CSV.
 * Every reader opens files and sizes its allocations through {@link org.forwardlearn.datasets.io.Budget}, the
 * datasets' side of core's {@link org.forwardlearn.core.io.ReadBudget} (regular files within a cap, sizes
 * claimed by headers checked against the file length, the inflation bound and the cap before allocating,
 * bounded decompression, streamed text), and reports malformed input as
 * {@link org.forwardlearn.datasets.DatasetFormatException} naming the file.
 */
package org.forwardlearn.datasets.io;
