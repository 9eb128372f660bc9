/**
 * Graph layers: GCN, SAGE, GAT with hand-written local gradients and a per-input aggregation cache; the one conv registry
 * ({@link org.forwardlearn.forwardgnn.layer.ConvRegistry}: built-ins, ServiceLoader providers, registered factories) and
 * the base class of a user's own conv ({@link org.forwardlearn.forwardgnn.layer.MessagePassingConv}: message / aggregate /
 * update with its local gradient).
 */
package org.forwardlearn.forwardgnn.layer;
