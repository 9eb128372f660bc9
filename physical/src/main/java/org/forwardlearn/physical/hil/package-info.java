/**
 * Hardware in the loop: a physical system reached over a small versioned wire protocol
 * (length-prefixed binary frames over TCP, specified in {@code physical/PROTOCOL.md}).
 *
 * <ul>
 *   <li>{@link org.forwardlearn.physical.hil.RemotePhysicalSystem}: the client, a
 *       {@link org.forwardlearn.physical.PhysicalSystem} with timeouts, idempotent retries by batch
 *       id, reconnection, batch splitting and query/latency accounting
 *       ({@link org.forwardlearn.physical.hil.RemoteStats}).</li>
 *   <li>{@link org.forwardlearn.physical.hil.DeviceServer}: serves any {@code PhysicalSystem}
 *       (simulated, or a lab's own found by {@code ServiceLoader}) on 127.0.0.1 with an optional
 *       shared-secret token (required beyond loopback), deadlines for the handshake and every request,
 *       limits checked from the headers, one session at a time (explicit takeover);
 *       {@link org.forwardlearn.physical.hil.FaultPlan} injects failures.</li>
 *   <li>{@link org.forwardlearn.physical.hil.ExampleDevice}: the Python package's example device
 *       ({@code python/forwardlearn_device}), bit-identical through {@link org.forwardlearn.physical.hil.SplitMix64}.</li>
 *   <li>{@link org.forwardlearn.physical.hil.DeviceControl}: optional device state (drift) save and
 *       restore, calibration and reset, so that a resumed run sees the same device.</li>
 *   <li>{@link org.forwardlearn.physical.hil.HilBench}: requests per second and overhead per query
 *       against the in-process call.</li>
 * </ul>
 * Library code logs through the Log4j 2 API and never prints or exits.
 */
package org.forwardlearn.physical.hil;
