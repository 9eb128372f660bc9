package org.forwardlearn.physical.hil;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.forwardlearn.physical.PhysicalSystem;

/**
 * Exposes a {@link PhysicalSystem} over the device protocol (PROTOCOL.md). Listens on 127.0.0.1 by
 * default; any other address requires a token (the protocol is plaintext: a warning is logged). Serves
 * one client at a time: a client holding the session keeps it until it disconnects; another client's
 * HELLO is refused (SESSION_BUSY) unless it carries the takeover flag (and, as every HELLO, the token),
 * which is what a trainer reconnecting after a timeout sends. Every handshake and every request has a
 * deadline; connections still in their handshake when the slots are full are evicted oldest first.
 * Requests to the device are serialised.
 *
 * <pre>{@code
 * try (PhysicalSystem sys = ...; DeviceServer server = DeviceServer.start(sys, DeviceServerConfig.builder().port(7001).build())) {
 *     server.awaitTermination();
 * }
 * }</pre>
 * The server does not close the system: its owner does.
 */
public final class DeviceServer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(DeviceServer.class);
    private static final AtomicInteger SERVERS = new AtomicInteger();

    private final DeviceServerConfig config;
    private final ServedDevice device;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final Map<ServerSession, Thread> sessions = new ConcurrentHashMap<>();
    private final AtomicLong measureRequests = new AtomicLong();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile ServerSession active;
    private PhysicalSystem owned;

    private DeviceServer(PhysicalSystem system, DeviceServerConfig config) throws IOException {
        InetAddress bind = InetAddress.getByName(config.bindAddress());
        if (!bind.isLoopbackAddress() && config.token() == null) {
            throw new IllegalArgumentException("Expected a token (--token-file) to listen on the non-loopback address "
                    + config.bindAddress() + " (got none): without one anyone who can reach the port drives the device");
        }
        this.config = config;
        this.device = new ServedDevice(system, config.control(), config.cacheSize());
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(bind, config.port()), 16);
        if (!bind.isLoopbackAddress()) LOG.warn(exposureWarning(config.bindAddress()));
        int n = SERVERS.incrementAndGet();
        this.acceptor = new Thread(this::acceptLoop, "fl-device-server-" + n);
        acceptor.setDaemon(true);
    }

    /**
     * Binds and starts serving {@code system} in background threads.
     *
     * @throws IOException if the address cannot be bound (e.g. the port is in use)
     */
    public static DeviceServer start(PhysicalSystem system, DeviceServerConfig config) throws IOException {
        DeviceServer s = new DeviceServer(system, config);
        s.acceptor.start();
        LOG.info("Serving device '{}' on {}:{}{}", system.spec().deviceId(), config.bindAddress(), s.port(),
                config.token() != null ? " (token required)" : "");
        return s;
    }

    /**
     * Opens the system registered under {@code systemName} (a {@link org.forwardlearn.physical.PhysicalSystemProvider}
     * found by {@link java.util.ServiceLoader}: "optical", "microwave", "acoustic" or a lab's own) with the
     * given options and serves it; {@link #close()} then closes the system too. This is what
     * {@code forwardlearn device serve --system NAME --port N [--token-file F] [--bind ADDR]} calls.
     *
     * @throws IllegalArgumentException if no provider has that name ("Expected one of [...] (got NAME)")
     */
    public static DeviceServer serve(String systemName, Map<String, String> options, DeviceServerConfig config) throws IOException {
        PhysicalSystem system = SystemLookup.open(systemName, options);
        try {
            DeviceServer s = start(system, config);
            s.owned = system;
            return s;
        } catch (IOException | RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /** The warning logged when listening beyond loopback. */
    static String exposureWarning(String address) {
        return "Listening on " + address + ", beyond loopback: the device protocol is plaintext (the token and every"
                + " measurement travel unencrypted); use it only on a trusted network or through an SSH tunnel";
    }

    /** The bound port (useful with port 0). */
    public int port() { return listener.getLocalPort(); }

    /** The URI clients connect to, e.g. tcp://127.0.0.1:7001. */
    public String uri() { return "tcp://" + listener.getInetAddress().getHostAddress() + ":" + port(); }

    /** Blocks until {@link #close()} is called (e.g. from a shutdown hook). */
    public void awaitTermination() throws InterruptedException { closed.await(); }

    /** Blocks until closed or the timeout elapses; returns whether the server is closed. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException { return closed.await(timeout, unit); }

    /** MEASURE requests actually measured on the device (resends answered from the cache excluded). */
    public long measuredBatches() { return device.measured(); }

    /** Rows actually measured on the device. */
    public long measuredRows() { return device.measuredRows(); }

    /** Resent MEASURE requests answered from the result cache. */
    public long cacheHits() { return device.cacheHits(); }

    /** MEASURE frames received (including resends and faulted ones). */
    public long measureRequests() { return measureRequests.get(); }

    /** Stops accepting, closes every connection; idempotent. Does not close the system. */
    @Override
    public void close() {
        if (closed.getCount() == 0) return;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("Closing listener: {}", e.toString());
        }
        sessions.forEach((s, t) -> { s.kill(); t.interrupt(); });
        try {
            acceptor.join(2000);
            for (Thread t : sessions.values()) t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (owned != null) owned.close();
        LOG.info("Device server on port {} closed", port());
        closed.countDown();
    }

    private void acceptLoop() {
        int n = 0;
        while (!listener.isClosed()) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) LOG.warn("Accept failed", e);
                continue;
            }
            if (sessions.size() >= config.maxConnections() && !evictOldestPending()) {
                LOG.warn("Refusing {}: already {} connections", s.getRemoteSocketAddress(), sessions.size());
                closeQuietly(s);
                continue;
            }
            ServerSession session = new ServerSession(this, device, config, s);
            Thread t = new Thread(session, acceptor.getName() + "-session-" + (++n));
            t.setDaemon(true);
            sessions.put(session, t);
            t.start();
        }
    }

    /**
     * The slots are full: closes the connection that has waited longest in its handshake (a correct client
     * sends its HELLO in milliseconds; one that dribbles it is the one to go). Returns false if every slot is
     * held by an authenticated session.
     */
    private boolean evictOldestPending() {
        ServerSession oldest = null;
        for (ServerSession s : sessions.keySet()) {
            if (!s.authenticated() && (oldest == null || s.acceptedNanos() < oldest.acceptedNanos())) oldest = s;
        }
        if (oldest == null) return false;
        LOG.warn("Slots full: closing {}, still in its handshake after {} ms", oldest.peer(),
                (System.nanoTime() - oldest.acceptedNanos()) / 1_000_000);
        sessions.remove(oldest);
        oldest.kill();
        return true;
    }

    /**
     * Called by a session whose HELLO (version, token) was accepted: it becomes the one active client, unless
     * another live client holds the session and this HELLO did not ask for a takeover.
     *
     * @return null if activated, else the holder's description (the caller refuses with SESSION_BUSY)
     */
    String activate(ServerSession session, boolean takeover) {
        ServerSession previous;
        synchronized (this) {
            previous = active;
            if (previous != null && previous != session && previous.alive() && !takeover) return previous.describe();
            active = session;
        }
        if (previous != null && previous != session) {
            LOG.info("Client {} took over the session (explicit takeover); closing {}", session.peer(), previous.describe());
            previous.kill();
        }
        return null;
    }

    void sessionEnded(ServerSession session) {
        sessions.remove(session);
        synchronized (this) {
            if (active == session) active = null;
        }
    }

    Fault nextFault() { return config.faultPlan().onMeasure(measureRequests.getAndIncrement()); }

    /** Fault injection: the device "restarts" under a new id; every connection is dropped. */
    void restartAs(String newDeviceId) {
        device.restartAs(newDeviceId);
        sessions.keySet().forEach(ServerSession::kill);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("Closing refused socket: {}", e.toString());
        }
    }
}
