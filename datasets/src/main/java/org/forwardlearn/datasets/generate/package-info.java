/**
 * Generated datasets (no download): the contextual stochastic block model {@link
 * org.forwardlearn.datasets.generate.Csbm} (streaming edge generation, scales to millions of nodes) and
 * {@link org.forwardlearn.datasets.generate.GaussianClusters} for tabular tests.
 */
package org.forwardlearn.datasets.generate;
