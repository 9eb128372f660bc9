/** Graph layers (GCN, SAGE, GAT) with hand-written local gradients and a per-input aggregation cache. */
package org.forwardlearn.forwardgnn.layer;
