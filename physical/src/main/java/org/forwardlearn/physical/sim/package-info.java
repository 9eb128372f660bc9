/**
 * Seeded simulated physical systems (optical scattering medium, microwave cavity with a programmable
 * metasurface, acoustic cavity surrogate fitted to measured pairs), each with detector noise,
 * quantisation and drift (a slow random walk of internal parameters plus one sudden re-draw), whose state
 * can be saved and restored exactly. Registered with {@link java.util.ServiceLoader} as "optical",
 * "microwave" and "acoustic".
 */
package org.forwardlearn.physical.sim;
