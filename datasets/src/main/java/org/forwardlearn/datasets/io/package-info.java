/**
 * Readers of the original published file formats: NumPy {@code .npy}/{@code .npz}, Python-2 pickles
 * (Planetoid; a strict opcode subset, nothing is executed), LINQS text, IDX, Hillenbrand vowels, CSV.
 * Every reader checks sizes claimed by headers against the bytes available before allocating, and reports
 * malformed input as {@link org.forwardlearn.datasets.DatasetFormatException}.
 */
package org.forwardlearn.datasets.io;
