/**
 * Fixed (untrained) encoders from a block's input vector to admissible device inputs: unit-norm amplitudes
 * (acoustic), per-sample min-max then k-bit binary configuration (microwave metasurface), image tiling /
 * upsampling for a spatial light modulator (optical). Each checks that its output is admissible for the
 * device's {@link org.forwardlearn.physical.InputDomain}. The vector-Jacobian products are used only by the
 * backprop baselines, never by PFF.
 */
package org.forwardlearn.physical.encode;
