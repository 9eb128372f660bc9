/** Layers (dense, activations, row normalisation) and their own local gradients. */
package org.forwardlearn.core.layer;
