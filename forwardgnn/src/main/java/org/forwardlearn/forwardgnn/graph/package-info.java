/** Graph data as the layers read it: CSR kernels (row-block parallel sparse x dense), dense or sparse node matrices, topologies with cached GCN/mean/self-loop operators. */
package org.forwardlearn.forwardgnn.graph;
