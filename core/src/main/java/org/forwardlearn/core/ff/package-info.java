/** Hinton's forward-forward MLP: label embedding, layer-local training, inference by trying every label. */
package org.forwardlearn.core.ff;
