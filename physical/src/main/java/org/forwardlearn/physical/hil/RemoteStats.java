package org.forwardlearn.physical.hil;

/**
 * Accounting of a {@link RemotePhysicalSystem}.
 *
 * @param queries      completed {@code measure} calls
 * @param samples      rows returned by those calls
 * @param requests     MEASURE frames sent (a call larger than the device's max batch sends several; resends count)
 * @param retries      resends after a transport failure, malformed reply, timeout or TRANSIENT error
 * @param reconnects   connections opened after the first one
 * @param cachedReplies RESULTs the device answered from its cache (a resend of a batch it had measured)
 * @param p50Millis    median latency of a MEASURE request, send to verified RESULT, retries included
 * @param p99Millis    99th percentile of the same (over the last {@value LatencyRecorder#CAPACITY} requests)
 * @param meanMillis   mean of the same
 */
public record RemoteStats(long queries, long samples, long requests, long retries, long reconnects, long cachedReplies,
        double p50Millis, double p99Millis, double meanMillis) {}
