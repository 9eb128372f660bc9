package org.forwardlearn.physical.hil;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), the generator of {@link ExampleDevice}, written out so that any
 * language can reproduce it bit for bit: {@code state += 0x9E3779B97F4A7C15}, then the variant-13 mix;
 * a uniform double is {@code (next >>> 11) * 2^-53}. The state after k draws is {@code seed + k * gamma}
 * (mod 2^64), so {@link #jump} is O(1). The Python twin is {@code forwardlearn_device/splitmix.py}.
 */
public final class SplitMix64 {
    /** The golden-ratio increment. */
    public static final long GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    public SplitMix64(long seed) { this.state = seed; }

    /** The next 64-bit value. */
    public long next() {
        long z = (state += GAMMA);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0, 1): the top 53 bits, exactly. */
    public double uniform() { return (next() >>> 11) * 0x1.0p-53; }

    /** Restarts from {@code seed}. */
    public void reset(long seed) { state = seed; }

    /** Skips {@code draws} values. */
    public void jump(long draws) { state += draws * GAMMA; }
}
