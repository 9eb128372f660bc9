package org.forwardlearn.core.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Row-block parallelism on a fixed-size pool with a deterministic split. A range [0, n) is cut into
 * blocks that depend only on n and the grain (never on the thread count); the blocks are handed to
 * the threads in any order, and every block writes only its own rows or its own partial result. So
 * a row-parallel product gives bit-identical results for any thread count, and a reduction that sums
 * per-block partials in block order does too: a run's numbers do not depend on {@code --threads}.
 *
 * <p>Threads: {@link #setThreads(int)}, default system property {@code forwardlearn.threads}, else the
 * available processors. The calling thread works too (a pool of threads-1 daemon workers). A task
 * started from inside a block runs serially (no nested parallelism, no deadlock).
 */
public final class Parallel {
    private static volatile int threads = defaultThreads();
    private static ExecutorService pool;
    private static int poolSize;
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);

    private Parallel() { }

    /** The work of one block: rows [from, to) of block number {@code block}. */
    @FunctionalInterface
    public interface BlockTask {
        void run(int block, int from, int to);
    }

    private static int defaultThreads() {
        String p = System.getProperty("forwardlearn.threads", "").trim();
        if (!p.isEmpty()) {
            int t;
            try {
                t = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Expected forwardlearn.threads to be a positive integer (got '" + p + "')");
            }
            if (t < 1) throw new IllegalArgumentException("Expected forwardlearn.threads >= 1 (got " + t + ")");
            return t;
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Threads used by the parallel kernels (for provenance). */
    public static int threads() { return threads; }

    /** Sets the thread count for the whole process (1 = everything on the calling thread). */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("Expected threads >= 1 (got " + n + ")");
        threads = n;
    }

    /** Number of blocks [0, n) is cut into with at least {@code grain} rows per block (at least one block). */
    public static int blocks(long n, int grain) {
        if (grain < 1) throw new IllegalArgumentException("Expected grain >= 1 (got " + grain + ")");
        return (int) Math.max(1, Math.min(1 << 16, n / grain));
    }

    /** Start of block b when [0, n) is cut into {@code blocks} near-equal blocks. */
    public static int blockStart(int n, int blocks, int b) { return (int) ((long) n * b / blocks); }

    /**
     * Runs {@code task} on every block of [0, n) (blocks from {@link #blocks}); returns when all are done.
     * An exception in any block is rethrown here.
     */
    public static void forBlocks(int n, int grain, BlockTask task) {
        int nb = blocks(n, grain);
        int t = Math.min(threads, nb);
        if (t <= 1 || INSIDE.get()) {
            for (int b = 0; b < nb; b++) task.run(b, blockStart(n, nb, b), blockStart(n, nb, b + 1));
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            boolean was = INSIDE.get();
            INSIDE.set(true);
            try {
                for (int b; (b = next.getAndIncrement()) < nb; ) task.run(b, blockStart(n, nb, b), blockStart(n, nb, b + 1));
            } finally {
                INSIDE.set(was);
            }
        };
        ExecutorService p = pool(t - 1);
        Future<?>[] f = new Future<?>[t - 1];
        for (int i = 0; i < f.length; i++) f[i] = p.submit(worker);
        Throwable failure = null;
        try {
            worker.run();
        } catch (Throwable e) {
            failure = e;
        }
        for (Future<?> x : f) {
            try {
                x.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = e;
            }
        }
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error e) throw e;
        if (failure != null) throw new IllegalStateException("Expected parallel blocks to finish (got " + failure + ")", failure);
    }

    private static synchronized ExecutorService pool(int workers) {
        if (pool == null || poolSize < workers) {
            if (pool != null) pool.shutdown();
            AtomicInteger id = new AtomicInteger();
            pool = Executors.newFixedThreadPool(workers, r -> {
                Thread th = new Thread(r, "forwardlearn-kernel-" + id.incrementAndGet());
                th.setDaemon(true);
                return th;
            });
            poolSize = workers;
        }
        return pool;
    }
}
