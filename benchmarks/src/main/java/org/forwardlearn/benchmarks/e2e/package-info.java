/** End-to-end timing of GNN training through {@code GnnExperiment}'s own pieces (wall time, epochs, heap, RSS). */
package org.forwardlearn.benchmarks.e2e;
