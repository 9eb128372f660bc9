package org.forwardlearn.physical.sim;

/**
 * A simulated system whose noiseless response can be differentiated: used ONLY by the backprop-through-
 * simulator baseline (the upper bound where the physics is known). PFF never uses it.
 */
public interface DifferentiableSystem {
    /** The noiseless response at the current (possibly drifted) parameters, without counting a query. */
    double[][] response(double[][] inputs);

    /** dLoss/dInputs given dLoss/dOutputs of the noiseless response. */
    double[][] vjp(double[][] inputs, double[][] dOutputs);
}
