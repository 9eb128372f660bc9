/**
 * ForwardGNN (Park et al., ICLR 2024): graph neural networks trained without backpropagation across
 * layers. Public API: {@link org.forwardlearn.forwardgnn.GnnConfig} (immutable experiment description),
 * {@link org.forwardlearn.forwardgnn.GnnExperiment#run} returning a
 * {@link org.forwardlearn.forwardgnn.GnnResult} with the trained {@link org.forwardlearn.forwardgnn.GnnModel}.
 */
package org.forwardlearn.forwardgnn;
