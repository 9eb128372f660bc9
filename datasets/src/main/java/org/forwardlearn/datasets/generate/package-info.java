/**
 * Generated datasets (no download): the contextual stochastic block model {@link
 * org.forwardlearn.datasets.generate.Csbm} (streaming edge generation, scales to millions of nodes), {@link
 * org.forwardlearn.datasets.generate.StreamingCsbm} (the int CSR built directly, no edge list: ogbn-products size) and
 * {@link org.forwardlearn.datasets.generate.GaussianClusters} for tabular tests.
 */
package org.forwardlearn.datasets.generate;
