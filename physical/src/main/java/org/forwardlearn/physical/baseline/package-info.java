/**
 * Baselines that use backpropagation (allowed here, and what makes them baselines): in-silico training on a
 * fitted digital twin then deployment on the device, physics-aware training (device forward, twin backward),
 * and backprop through a differentiable simulator (the upper bound where the physics is known). Each counts
 * device queries, digital multiply-adds and wall time like PFF does.
 */
package org.forwardlearn.physical.baseline;
