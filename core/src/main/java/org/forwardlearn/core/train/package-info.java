/** The layer-wise trainer: configuration, problem interface, early stopping, reports. */
package org.forwardlearn.core.train;
