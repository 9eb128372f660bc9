package org.forwardlearn.physical;

/** The admissible values of a device input. */
public sealed interface InputDomain {
    /** Whether v is admissible. */
    boolean admits(double v);

    /** Human-readable description, used in errors. */
    String describe();

    /** Any value in [min, max]. */
    record Continuous(double min, double max) implements InputDomain {
        public Continuous {
            if (!(min <= max)) throw new IllegalArgumentException("Expected min <= max (got " + min + ", " + max + ")");
        }
        @Override public boolean admits(double v) { return v >= min && v <= max; }
        @Override public String describe() { return "a value in [" + min + ", " + max + "]"; }
    }

    /** 0 or 1. */
    record Binary() implements InputDomain {
        @Override public boolean admits(double v) { return v == 0.0 || v == 1.0; }
        @Override public String describe() { return "0 or 1"; }
    }

    /** An integer level in [0, 2^bits - 1]. */
    record KBit(int bits) implements InputDomain {
        public KBit {
            if (bits < 1 || bits > 16) throw new IllegalArgumentException("Expected 1..16 bits (got " + bits + ")");
        }
        @Override public boolean admits(double v) { return v >= 0 && v <= (1 << bits) - 1 && v == Math.rint(v); }
        @Override public String describe() { return "an integer level in [0, " + ((1 << bits) - 1) + "]"; }
    }
}
