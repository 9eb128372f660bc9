/** Baselines that use backpropagation across layers, kept apart from forward learning and named as such. */
package org.forwardlearn.core.baseline;
