/** Forward-learning node classification: the layer-wise problem shape, virtual-node augmentation and the single-forward (SF) method. */
package org.forwardlearn.forwardgnn.nodeclass;
