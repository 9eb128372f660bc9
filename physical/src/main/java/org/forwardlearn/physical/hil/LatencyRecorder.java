package org.forwardlearn.physical.hil;

import java.util.Arrays;

/** Keeps the most recent {@value #CAPACITY} latencies and reports percentiles over them. Not thread-safe. */
final class LatencyRecorder {
    static final int CAPACITY = 8192;
    private final long[] nanos = new long[CAPACITY];
    private long count;

    void record(long n) { nanos[(int) (count++ % CAPACITY)] = n; }

    /** The q-quantile (0..1) in milliseconds by the nearest-rank method, or NaN when empty. */
    double quantileMillis(double q) {
        int n = (int) Math.min(count, CAPACITY);
        if (n == 0) return Double.NaN;
        long[] s = Arrays.copyOf(nanos, n);
        Arrays.sort(s);
        int rank = (int) Math.ceil(q * n);
        return s[Math.max(0, Math.min(n - 1, rank - 1))] / 1e6;
    }

    double meanMillis() {
        int n = (int) Math.min(count, CAPACITY);
        if (n == 0) return Double.NaN;
        long sum = 0;
        for (int i = 0; i < n; i++) sum += nanos[i];
        return sum / 1e6 / n;
    }
}
