package org.forwardlearn.physical.hil;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * The server's socket input with an absolute deadline: every read is given only the time left until the
 * deadline (a peer sending one byte a second cannot stretch a 5 s handshake to minutes, as a per-read
 * timeout would let it). Without a deadline each read waits at most the idle timeout. Sits under the
 * buffer, so every read that reaches the socket is bounded.
 */
final class DeadlineInput extends FilterInputStream {
    private final Socket socket;
    private long deadlineNanos;
    private boolean hasDeadline;
    private int idleMillis;
    private String what = "frame";

    DeadlineInput(Socket socket, InputStream in) {
        super(in);
        this.socket = socket;
    }

    /** From now on every read must complete before {@code System.nanoTime() >= deadlineNanos}. */
    void deadline(long deadlineNanos, String what) {
        this.deadlineNanos = deadlineNanos;
        this.hasDeadline = true;
        this.what = what;
    }

    /** No deadline: each read waits at most {@code millis} (0 = forever). */
    void idle(int millis) {
        this.hasDeadline = false;
        this.idleMillis = millis;
    }

    boolean hasDeadline() { return hasDeadline; }

    private void arm() throws IOException {
        if (!hasDeadline) {
            socket.setSoTimeout(idleMillis);
            return;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) throw new DeadlineExceeded(what);
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000)));
    }

    @Override
    public int read() throws IOException {
        arm();
        try {
            return super.read();
        } catch (SocketTimeoutException e) {
            if (hasDeadline) throw new DeadlineExceeded(what);
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        arm();
        try {
            return super.read(b, off, len);
        } catch (SocketTimeoutException e) {
            if (hasDeadline) throw new DeadlineExceeded(what);
            throw e;
        }
    }

    /** The deadline passed before the handshake or request was complete. */
    static final class DeadlineExceeded extends SocketTimeoutException {
        DeadlineExceeded(String what) { super(what); }
    }
}
