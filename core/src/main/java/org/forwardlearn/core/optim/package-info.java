/** Per-layer optimizers (Adam, SGD) with PyTorch semantics. */
package org.forwardlearn.core.optim;
