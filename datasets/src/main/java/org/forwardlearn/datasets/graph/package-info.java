/**
 * The immutable {@link org.forwardlearn.datasets.graph.Graph} record (EJML sparse adjacency, dense or
 * sparse node features, labels), its transformations (symmetrisation, self-loops, GCN and mean
 * normalisation, row-normalised features, connected components) and splits ({@link
 * org.forwardlearn.datasets.graph.NodeSplit}, {@link org.forwardlearn.datasets.graph.LinkSplit}).
 */
package org.forwardlearn.datasets.graph;
