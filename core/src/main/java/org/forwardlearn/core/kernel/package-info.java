/** Compute kernels (dense products) with a run-time choice of backend: netlib BLAS or EJML. */
package org.forwardlearn.core.kernel;
