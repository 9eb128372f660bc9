/**
 * Physical layers: the {@link org.forwardlearn.physical.PhysicalSystem} SPI (a black box that is measured),
 * its specification, and the experiment API ({@link org.forwardlearn.physical.PhysicalExperiment}) that the
 * CLI calls. Sub-packages: {@code encode} (fixed encoders into admissible device inputs), {@code sim}
 * (seeded simulated devices with noise, quantisation and drift), {@code pff} (physical forward-forward
 * training), {@code baseline} (in-silico, physics-aware and backprop baselines), {@code data} (minimal
 * dataset readers), {@code hil} (hardware in the loop).
 */
package org.forwardlearn.physical;
