package org.forwardlearn.core.random;

import java.util.SplittableRandom;

/**
 * The one seed rule of forwardlearn: every random stream of a run is derived from the run's seed and counters
 * (block, epoch, batch, split...), so a run is reproducible from its provenance and an RNG's state is just its
 * counters (a checkpoint stores the position, not a generator).
 * <ul>
 *   <li>{@link #stream} / {@link #random}: independent streams for (seed, parts...) (SplitMix64 mixing);</li>
 *   <li>{@link #forSplit}: the generator of (seed, split) of the graph experiments, {@code new Random(seed * 31 + split)},
 *       kept in that form so that published ForwardGNN results reproduce bit for bit.</li>
 * </ul>
 */
public final class Seeds {
    private Seeds() {}

    /** A well-mixed 64-bit value of the parts (SplitMix64 finaliser chained over the parts). */
    public static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h ^= p + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
            h = fmix(h);
        }
        return h;
    }

    private static long fmix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A fresh stream for (seed, parts...). */
    public static SplittableRandom stream(long seed, long... parts) {
        long[] all = new long[parts.length + 1];
        all[0] = seed;
        System.arraycopy(parts, 0, all, 1, parts.length);
        return new SplittableRandom(mix(all));
    }

    /** A standard normal draw (Box-Muller, one value per call: simple and reproducible). */
    public static double gaussian(SplittableRandom r) {
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * The run generator of (seed, split) for the graph experiments: {@code new Random(seed * 31 + split)} (split 0 for
     * a run without splits). Written here once; callers never repeat the formula.
     */
    public static java.util.Random forSplit(long seed, int split) {
        return new java.util.Random(seed * 31 + split);
    }

    /**
     * The epoch generator of the forward-forward MLP (shuffle and wrong labels of epoch e):
     * {@code new Random(seed * 1_000_003 + epoch + 17)}, kept in that form so that published FF MLP results reproduce.
     */
    public static java.util.Random forEpoch(long seed, int epoch) {
        return new java.util.Random(seed * 1_000_003L + epoch + 17);
    }

    /** A {@link java.util.Random} for core APIs that need one, seeded from (seed, parts...). */
    public static java.util.Random random(long seed, long... parts) {
        return new java.util.Random(stream(seed, parts).nextLong());
    }
}
