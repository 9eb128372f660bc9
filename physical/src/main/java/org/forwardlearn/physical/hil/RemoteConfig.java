package org.forwardlearn.physical.hil;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of a {@link RemotePhysicalSystem}; immutable, built with {@link #builder(String)}.
 *
 * @param host           device host (from tcp://HOST:PORT)
 * @param port           device port
 * @param token          shared secret sent in HELLO, or null
 * @param connectTimeout TCP connect timeout
 * @param readTimeout    longest wait for any read of a reply
 * @param maxRetries     resends of an idempotent request after a transport failure or a TRANSIENT error
 * @param initialBackoff wait before the first resend; doubled each time up to {@code maxBackoff}
 * @param maxBackoff     cap of the backoff
 * @param dtype          {@link Protocol#DTYPE_F32} (default) or {@link Protocol#DTYPE_F64} (bit-exact)
 * @param clientId       free text sent in HELLO, shown in the server's log
 * @param takeover       send the takeover flag in the first HELLO too (replace a trainer holding the session;
 *                       reconnections always send it, since the holder may be this client's own dead connection)
 */
public record RemoteConfig(String host, int port, byte[] token, Duration connectTimeout, Duration readTimeout, int maxRetries,
        Duration initialBackoff, Duration maxBackoff, int dtype, String clientId, boolean takeover) {

    public RemoteConfig {
        if (port < 1 || port > 65535) throw new IllegalArgumentException("Expected a port in 1..65535 (got " + port + ")");
        if (maxRetries < 0) throw new IllegalArgumentException("Expected maxRetries >= 0 (got " + maxRetries + ")");
        if (dtype != Protocol.DTYPE_F32 && dtype != Protocol.DTYPE_F64) {
            throw new IllegalArgumentException("Expected dtype 1 (float32) or 2 (float64) (got " + dtype + ")");
        }
        for (Duration d : new Duration[] {connectTimeout, readTimeout}) {
            if (d.isZero() || d.isNegative()) throw new IllegalArgumentException("Expected a positive timeout (got " + d + ")");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("Expected 0 <= initialBackoff <= maxBackoff (got " + initialBackoff + ", " + maxBackoff + ")");
        }
        if (token != null && token.length > Protocol.MAX_TOKEN_BYTES) {
            throw new IllegalArgumentException("Expected a token of at most " + Protocol.MAX_TOKEN_BYTES + " bytes (got " + token.length + ")");
        }
        token = token == null ? null : token.clone();
    }

    @Override
    public byte[] token() { return token == null ? null : token.clone(); }

    /** The device URI, tcp://HOST:PORT. */
    public String uri() { return "tcp://" + host + ":" + port; }

    /**
     * A builder for {@code tcp://HOST:PORT} with the defaults: 2 s connect, 10 s read timeout,
     * 5 retries, backoff 50 ms doubling to 2 s, float32 values.
     */
    public static Builder builder(String uri) { return new Builder(uri); }

    /** Builder of {@link RemoteConfig}. */
    public static final class Builder {
        private final String host;
        private final int port;
        private byte[] token;
        private Duration connect = Duration.ofSeconds(2), read = Duration.ofSeconds(10);
        private int retries = 5;
        private Duration backoff = Duration.ofMillis(50), maxBackoff = Duration.ofSeconds(2);
        private int dtype = Protocol.DTYPE_F32;
        private String clientId = "forwardlearn";
        private boolean takeover;

        Builder(String uri) {
            URI u;
            try {
                u = URI.create(uri);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Expected a device URI tcp://HOST:PORT (got " + uri + ")", e);
            }
            if (!"tcp".equals(u.getScheme()) || u.getHost() == null || u.getPort() < 0) {
                throw new IllegalArgumentException("Expected a device URI tcp://HOST:PORT (got " + uri + ")");
            }
            host = u.getHost();
            port = u.getPort();
        }

        public Builder token(byte[] token) { this.token = token; return this; }
        public Builder connectTimeout(Duration d) { this.connect = d; return this; }
        public Builder readTimeout(Duration d) { this.read = d; return this; }
        public Builder maxRetries(int n) { this.retries = n; return this; }
        public Builder backoff(Duration initial, Duration max) { this.backoff = initial; this.maxBackoff = max; return this; }
        /** Send values as float64: a run over the wire is then bit-identical to the in-process one. */
        public Builder exact() { this.dtype = Protocol.DTYPE_F64; return this; }
        public Builder dtype(int dtype) { this.dtype = dtype; return this; }
        public Builder clientId(String id) { this.clientId = id; return this; }
        /** Take the device's session over from whichever client holds it (PROTOCOL.md, "Sessions"). */
        public Builder takeover() { this.takeover = true; return this; }

        public RemoteConfig build() {
            return new RemoteConfig(host, port, token, connect, read, retries, backoff, maxBackoff, dtype, clientId, takeover);
        }
    }
}
