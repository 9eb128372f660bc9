/**
 * The backpropagation baselines: the same graph layers trained end to end (node classification with
 * the last layer as the softmax head, link prediction with a dot-product decoder). The only code in
 * the module where a gradient crosses layers.
 */
package org.forwardlearn.forwardgnn.baseline;
