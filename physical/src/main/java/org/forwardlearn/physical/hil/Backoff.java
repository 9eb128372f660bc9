package org.forwardlearn.physical.hil;

/** Exponential backoff between resends: initial, doubled per attempt, capped. */
final class Backoff {
    private Backoff() {}

    /** Wait before attempt {@code attempt} (1 = first resend): initial * 2^(attempt-1), at most max. */
    static long millis(RemoteConfig cfg, int attempt) {
        long base = cfg.initialBackoff().toMillis() << Math.min(20, attempt - 1);
        return Math.min(base, cfg.maxBackoff().toMillis());
    }

    /** Sleeps before a resend; an interrupt ends the retries with a clear error (and keeps the interrupt flag). */
    static void sleep(RemoteConfig cfg, int attempt) {
        long ms = millis(cfg, attempt);
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceUnavailableException("Expected to wait " + ms + " ms before resending to " + cfg.uri() + " (got interrupted)", e);
        }
    }
}
