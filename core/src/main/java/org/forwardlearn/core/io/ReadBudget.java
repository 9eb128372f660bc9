package org.forwardlearn.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * The one set of rules for every allocation whose size comes from a file (checkpoints, dataset readers):
 * <ul>
 *   <li>a file must be a regular file (not a directory, device or pipe) no longer than the cap;</li>
 *   <li>a size claimed by a header (dimension product times element size) is computed without overflow and
 *       must fit the cap, and where the real length is known it must match it;</li>
 *   <li>compressed input (gzip, including multi-member gzip; zip entries) may inflate to at most
 *       {@link #maxInflateRatio()} times its compressed length and never beyond the cap; the bound is
 *       enforced on the stream itself, so a header that lies only costs what was really inflated;</li>
 *   <li>error messages show at most a short escaped prefix of a bad value ({@link #preview}).</li>
 * </ul>
 * The cap is the system property {@value #MAX_BYTES_PROPERTY} (bytes, or with a k/m/g suffix); by default a
 * quarter of the maximum heap, at most 1 GiB. It is read at every check, so it can be changed at run time.
 * Every refusal names the cap and the property, so the user knows what to change (raising the heap does not
 * help a file that lies about its size).
 *
 * <p>The checks throw the caller's own exception type through a {@link Refusal}, so a dataset reader throws
 * its format exception and a checkpoint read its checkpoint exception.
 */
public final class ReadBudget {
    /** System property holding the cap in bytes (suffix k, m or g allowed). */
    public static final String MAX_BYTES_PROPERTY = "forwardlearn.io.maxBytes";
    /** System property holding the largest accepted inflation ratio of compressed input. */
    public static final String MAX_RATIO_PROPERTY = "forwardlearn.io.maxInflateRatio";
    /** Deflate cannot expand more than about 1032:1; anything claiming more is a lie. */
    public static final long DEFAULT_MAX_RATIO = 1100;
    /** The largest Java array (in elements) the JVM reliably allocates. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 16;
    private static final long SLACK = 1 << 16;

    private ReadBudget() {}

    /** Builds the caller's exception from "expected" and "got" texts. */
    @FunctionalInterface
    public interface Refusal<E extends Exception> {
        E refuse(String expected, String got);
    }

    /** The cap in bytes ({@value #MAX_BYTES_PROPERTY}; default min(1 GiB, max heap / 4)). */
    public static long maxBytes() {
        String p = System.getProperty(MAX_BYTES_PROPERTY);
        if (p != null && !p.isBlank()) {
            long v = parseSize(p.trim());
            if (v > 0) return v;
        }
        return Math.max(1 << 20, Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 4));
    }

    /** The largest accepted ratio of inflated to compressed bytes ({@value #MAX_RATIO_PROPERTY}, default 1100). */
    public static long maxInflateRatio() {
        String p = System.getProperty(MAX_RATIO_PROPERTY);
        if (p != null) {
            try {
                long v = Long.parseLong(p.trim());
                if (v >= 1) return v;
            } catch (NumberFormatException ignored) {
                // fall back to the default
            }
        }
        return DEFAULT_MAX_RATIO;
    }

    /** "the read budget of N bytes (-Dforwardlearn.io.maxBytes)" for error messages. */
    public static String capName() {
        return "the read budget of " + maxBytes() + " bytes (-D" + MAX_BYTES_PROPERTY + "=...)";
    }

    private static long parseSize(String s) {
        long mult = 1;
        char last = Character.toLowerCase(s.charAt(s.length() - 1));
        if (last == 'k' || last == 'm' || last == 'g') {
            mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(s.trim()), mult);
        } catch (NumberFormatException | ArithmeticException e) {
            return -1;
        }
    }

    /**
     * The length of {@code file}, refusing a missing path, a directory, anything that is not a regular file,
     * and a file longer than the cap.
     */
    public static <E extends Exception> long regularFile(Path file, Refusal<E> r) throws E {
        if (!Files.exists(file)) throw r.refuse("an existing file", "no such file");
        if (Files.isDirectory(file)) throw r.refuse("a file", "a directory");
        if (!Files.isRegularFile(file)) throw r.refuse("a regular file", "a device, pipe or other special file");
        long len;
        try {
            len = Files.size(file);
        } catch (IOException e) {
            throw r.refuse("a readable file", String.valueOf(e.getMessage()));
        }
        return checkBytes(len, "a file of", r);
    }

    /** Refuses {@code bytes} above the cap (or above the largest array); returns it. */
    public static <E extends Exception> long checkBytes(long bytes, String what, Refusal<E> r) throws E {
        long cap = Math.min(maxBytes(), MAX_ARRAY);
        if (bytes < 0) throw r.refuse(what + " a non-negative size", Long.toString(bytes));
        if (bytes > cap) {
            throw r.refuse(what + " at most " + cap + " bytes, " + capName(), bytes + " bytes");
        }
        return bytes;
    }

    /**
     * The product of {@code dims} times {@code elementBytes}, refusing a negative dimension, an overflow of a
     * long, a product above the cap, and (when {@code elementBytes} is the size of one array element) an
     * array of more than {@link #MAX_ARRAY} elements. Zero dimensions are fine (an empty array).
     */
    public static <E extends Exception> long checkProduct(String what, long elementBytes, Refusal<E> r, long... dims) throws E {
        long count = 1;
        for (long d : dims) {
            if (d < 0) throw r.refuse(what + " with dimensions >= 0", java.util.Arrays.toString(dims));
        }
        for (long d : dims) {
            if (d == 0) return 0;
        }
        for (long d : dims) {
            if (count > Long.MAX_VALUE / d) throw r.refuse(what + " with a size below 2^63", java.util.Arrays.toString(dims));
            count *= d;
        }
        if (count > MAX_ARRAY) throw r.refuse(what + " with fewer than 2^31 elements", java.util.Arrays.toString(dims) + " = " + count);
        if (elementBytes > 0 && count > Long.MAX_VALUE / elementBytes) {
            throw r.refuse(what + " with a size below 2^63", java.util.Arrays.toString(dims));
        }
        return checkBytes(count * Math.max(elementBytes, 0), what + " " + java.util.Arrays.toString(dims) + ":", r);
    }

    /** The most that {@code compressedLength} bytes of compressed input may inflate to: min(cap, ratio x length + 64 KiB). */
    public static long inflationLimit(long compressedLength) {
        long ratio = maxInflateRatio();
        long byRatio = compressedLength > (Long.MAX_VALUE - SLACK) / ratio ? Long.MAX_VALUE : compressedLength * ratio + SLACK;
        return Math.min(Math.min(maxBytes(), MAX_ARRAY), byRatio);
    }

    /** Refuses a claimed decompressed size above {@link #inflationLimit} of the compressed length. */
    public static <E extends Exception> long checkInflated(long claimed, long compressedLength, Refusal<E> r) throws E {
        long limit = inflationLimit(compressedLength);
        if (claimed < 0 || claimed > limit) {
            throw r.refuse("a decompressed size of at most " + limit + " bytes (" + maxInflateRatio() + " x the "
                    + compressedLength + " compressed bytes, -D" + MAX_RATIO_PROPERTY + ", and " + capName() + ")",
                    claimed + " bytes");
        }
        return claimed;
    }

    /**
     * A stream that delivers at most {@code limit} bytes of {@code in}: reading more throws the exception
     * {@code exceeded} supplies (an unchecked one, so that it is not mistaken for an I/O error).
     */
    public static InputStream limited(InputStream in, long limit, Supplier<? extends RuntimeException> exceeded) {
        return new Limited(in, limit, exceeded);
    }

    /**
     * A gzip decoder over {@code raw} (all members of a multi-member file), bounded by
     * {@link #inflationLimit}{@code (compressedLength)}; {@code exceeded} supplies the error past the bound.
     */
    public static InputStream gunzip(InputStream raw, long compressedLength, Supplier<? extends RuntimeException> exceeded)
            throws IOException {
        return limited(new GZIPInputStream(raw, 1 << 16), inflationLimit(compressedLength), exceeded);
    }

    /** True when the file starts with the gzip magic 1f 8b. */
    public static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] m = in.readNBytes(2);
            return m.length == 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b;
        }
    }

    /**
     * A short, escaped, one-line prefix of a value for an error message: at most 60 characters of its text
     * (control and non-ASCII characters as {@code \xNN} / {@code \\uNNNN}), then "... (N chars)". Collections
     * and arrays are described by type and size, never expanded (they may be deep or shared).
     */
    public static String preview(Object v) {
        if (v == null) return "null";
        if (v instanceof java.util.Collection<?> c) return v.getClass().getSimpleName() + " of " + c.size() + " items";
        if (v instanceof java.util.Map<?, ?> m) return v.getClass().getSimpleName() + " of " + m.size() + " entries";
        if (v.getClass().isArray()) return v.getClass().getComponentType().getSimpleName() + "[" + java.lang.reflect.Array.getLength(v) + "]";
        String s = v instanceof CharSequence cs ? cs.toString() : String.valueOf(v);
        return escape(s, 60);
    }

    /** {@code s} escaped and cut to at most {@code max} characters of source text. */
    public static String escape(String s, int max) {
        StringBuilder b = new StringBuilder("'");
        int n = Math.min(s.length(), max);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '\\') b.append('\\').append(c);
            else if (c >= 0x20 && c < 0x7f) b.append(c);
            else if (c < 0x100) b.append(String.format("\\x%02x", (int) c));
            else b.append(String.format("\\u%04x", (int) c));
        }
        b.append('\'');
        if (s.length() > max) b.append("... (").append(s.length()).append(" chars)");
        return b.toString();
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private final Supplier<? extends RuntimeException> exceeded;
        private long count;

        Limited(InputStream in, long limit, Supplier<? extends RuntimeException> exceeded) {
            super(in);
            this.limit = limit;
            this.exceeded = exceeded;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0 && ++count > limit) throw exceeded.get();
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            // ask for at most one byte past the limit, so that an overrun is seen without inflating more
            int want = (int) Math.min(len, Math.max(1, limit - count + 1));
            int n = super.read(b, off, want);
            if (n > 0) {
                count += n;
                if (count > limit) throw exceeded.get();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[8192];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) break;
                done += r;
            }
            return done;
        }
    }
}
