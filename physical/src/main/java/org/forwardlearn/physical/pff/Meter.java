package org.forwardlearn.physical.pff;

import java.util.Arrays;
import org.forwardlearn.physical.PhysicalSystem;

/**
 * Counts what a run costs: device queries (measure calls), device samples (rows) and digital multiply-adds.
 * Measurement goes through {@link #measure}, which splits a batch larger than the device's max batch.
 */
public final class Meter {
    private long queries;
    private long samples;
    private long macs;

    public double[][] measure(PhysicalSystem system, double[][] inputs) {
        int max = system.spec().maxBatch();
        if (inputs.length <= max) {
            queries++;
            samples += inputs.length;
            return system.measure(inputs);
        }
        double[][] out = new double[inputs.length][];
        for (int s = 0; s < inputs.length; s += max) {
            double[][] part = system.measure(Arrays.copyOfRange(inputs, s, Math.min(inputs.length, s + max)));
            System.arraycopy(part, 0, out, s, part.length);
            queries++;
            samples += part.length;
        }
        return out;
    }

    public void addMacs(long n) { macs += n; }

    public long queries() { return queries; }

    public long samples() { return samples; }

    public long macs() { return macs; }

    /** Restores counters (checkpoint resume). */
    public void set(long q, long s, long m) { queries = q; samples = s; macs = m; }
}
