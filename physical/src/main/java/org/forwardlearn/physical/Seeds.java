package org.forwardlearn.physical;

import java.util.SplittableRandom;

/** Derives independent, reproducible random streams from a seed and counters (so an RNG's state is just counters). */
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

    /** A {@link java.util.Random} for core APIs that need one, seeded from (seed, parts...). */
    public static java.util.Random random(long seed, long... parts) {
        return new java.util.Random(stream(seed, parts).nextLong());
    }
}
