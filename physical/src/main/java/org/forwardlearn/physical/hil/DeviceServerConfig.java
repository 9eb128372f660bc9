package org.forwardlearn.physical.hil;

import java.time.Duration;

/**
 * Settings of a {@link DeviceServer}; immutable, built with {@link #builder()}.
 *
 * @param bindAddress   address to listen on; 127.0.0.1 by default (loopback only)
 * @param port          TCP port; 0 picks a free one (see {@link DeviceServer#port()})
 * @param token         shared secret required in HELLO, or null for none
 * @param helloTimeout  deadline for the whole handshake: the complete HELLO frame must arrive within it
 *                      after the connection is accepted (not a per-read timeout)
 * @param idleTimeout   an authenticated connection silent this long between requests is closed (zero: never)
 * @param requestTimeout deadline for one request frame once its first byte has arrived, plus
 *                      {@code payload bytes / minBytesPerSecond}
 * @param minBytesPerSecond the slowest upload a request may have (the deadline's bytes-per-second floor)
 * @param cacheSize     results kept per batch id for idempotent resends
 * @param maxPayload    largest frame payload accepted after HELLO (announced in SPEC)
 * @param maxConnections connections held at once (pending HELLOs included); more are closed at once
 * @param faultPlan     injected failures (tests); {@link FaultPlan#none()} by default
 * @param control       state/calibration access for the device, or null to use the system itself
 *                      if it implements {@link DeviceControl}
 */
public record DeviceServerConfig(String bindAddress, int port, byte[] token, Duration helloTimeout, Duration idleTimeout,
        Duration requestTimeout, long minBytesPerSecond, int cacheSize, int maxPayload, int maxConnections, FaultPlan faultPlan, DeviceControl control) {

    public DeviceServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("Expected a port in 0..65535 (got " + port + ")");
        if (token != null && (token.length == 0 || token.length > Protocol.MAX_TOKEN_BYTES)) {
            throw new IllegalArgumentException("Expected a token of 1.." + Protocol.MAX_TOKEN_BYTES + " bytes (got " + token.length + ")");
        }
        if (cacheSize < 1) throw new IllegalArgumentException("Expected cacheSize >= 1 (got " + cacheSize + ")");
        if (maxPayload < 1024 || maxPayload > Protocol.MAX_PAYLOAD) {
            throw new IllegalArgumentException("Expected maxPayload in 1024.." + Protocol.MAX_PAYLOAD + " (got " + maxPayload + ")");
        }
        if (maxConnections < 1) throw new IllegalArgumentException("Expected maxConnections >= 1 (got " + maxConnections + ")");
        if (helloTimeout.isNegative() || helloTimeout.isZero() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("Expected a positive hello timeout and a non-negative idle timeout (got "
                    + helloTimeout + ", " + idleTimeout + ")");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero() || minBytesPerSecond < 1) {
            throw new IllegalArgumentException("Expected a positive request timeout and bytes-per-second floor (got "
                    + requestTimeout + ", " + minBytesPerSecond + ")");
        }
        token = token == null ? null : token.clone();
        if (faultPlan == null) faultPlan = FaultPlan.none();
    }

    @Override
    public byte[] token() { return token == null ? null : token.clone(); }

    /**
     * The deadline of a request frame whose first byte arrived at {@code startNanos} and which announces
     * {@code payloadBytes}: {@code requestTimeout + payloadBytes / minBytesPerSecond}.
     */
    long requestDeadline(long startNanos, long payloadBytes) {
        double seconds = (double) payloadBytes / minBytesPerSecond;
        return startNanos + requestTimeout.toNanos() + (long) (seconds * 1e9);
    }

    /**
     * A builder with the defaults: 127.0.0.1, free port, no token, 5 s handshake deadline, 10 min idle,
     * 5 s + 1 s per MiB request deadline, 64 cached batches, 4 connections.
     */
    public static Builder builder() { return new Builder(); }

    /** Builder of {@link DeviceServerConfig}. */
    public static final class Builder {
        private String bind = "127.0.0.1";
        private int port;
        private byte[] token;
        private Duration hello = Duration.ofSeconds(5), idle = Duration.ofMinutes(10), request = Duration.ofSeconds(5);
        private long minRate = 1 << 20;
        private int cacheSize = 64, maxPayload = Protocol.MAX_PAYLOAD, maxConnections = 4;
        private FaultPlan faultPlan = FaultPlan.none();
        private DeviceControl control;

        public Builder bind(String address) { this.bind = address; return this; }
        public Builder port(int port) { this.port = port; return this; }
        public Builder token(byte[] token) { this.token = token; return this; }
        public Builder helloTimeout(Duration d) { this.hello = d; return this; }
        public Builder idleTimeout(Duration d) { this.idle = d; return this; }
        public Builder requestTimeout(Duration d) { this.request = d; return this; }
        public Builder minBytesPerSecond(long rate) { this.minRate = rate; return this; }
        public Builder cacheSize(int n) { this.cacheSize = n; return this; }
        public Builder maxPayload(int n) { this.maxPayload = n; return this; }
        public Builder maxConnections(int n) { this.maxConnections = n; return this; }
        public Builder faultPlan(FaultPlan plan) { this.faultPlan = plan; return this; }
        public Builder control(DeviceControl control) { this.control = control; return this; }

        public DeviceServerConfig build() {
            return new DeviceServerConfig(bind, port, token, hello, idle, request, minRate, cacheSize, maxPayload, maxConnections, faultPlan, control);
        }
    }
}
