package org.forwardlearn.physical;

/**
 * A physical system seen as a black box: inputs in, measured outputs out. Nothing else about the
 * device is known to the trainer (no model, no gradient). Implementations may be noisy and drift in
 * time; they count queries. Found by {@link java.util.ServiceLoader} through {@link PhysicalSystemProvider}.
 */
public interface PhysicalSystem extends AutoCloseable {
    /** Dimensions, admissible input domain, maximum batch, identity. */
    SystemSpec spec();

    /**
     * Measures a batch.
     *
     * @param inputs batch x spec().inputSize(), each value admissible for spec().domain(); not modified
     * @return batch x spec().outputSize() measured outputs (a new array)
     * @throws IllegalArgumentException for wrong shapes or inadmissible values ("Expected X (got Y)")
     */
    double[][] measure(double[][] inputs);

    /** Number of {@link #measure} calls served so far. */
    long queries();

    /** Number of samples (rows) measured so far. */
    long samples();

    /** Releases the device; idempotent. */
    @Override
    void close();
}
