package org.forwardlearn.cli.command;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the trainings this process started (every command calls {@link #mark()} right before it hands
 * data to a trainer). The CLI promises that a usage error is found before any training starts; the tests
 * hold it to that by checking that this count did not move.
 */
public final class TrainingStarts {
    private static final AtomicLong COUNT = new AtomicLong();

    private TrainingStarts() {}

    /** Records that a training is about to start. */
    static void mark() {
        COUNT.incrementAndGet();
    }

    /** Trainings started so far in this process. */
    public static long count() {
        return COUNT.get();
    }
}
