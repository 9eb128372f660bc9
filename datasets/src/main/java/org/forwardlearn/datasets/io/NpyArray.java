package org.forwardlearn.datasets.io;

import org.forwardlearn.datasets.DatasetFormatException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One array read from a {@code .npy} file: dtype kind and item size, shape, and the little-endian data in C
 * (row-major) order (Fortran-ordered files are reordered on reading). Conversions check ranges.
 */
public final class NpyArray {
    private final String source;
    private final char kind;
    private final int itemSize;
    private final long[] shape;
    private final ByteBuffer data;

    NpyArray(String source, char kind, int itemSize, long[] shape, byte[] data) {
        this.source = source;
        this.kind = kind;
        this.itemSize = itemSize;
        this.shape = shape.clone();
        this.data = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Where the array came from (file or file!entry), for error messages. */
    public String source() {
        return source;
    }

    /** NumPy dtype kind: 'f' float, 'i' signed int, 'u' unsigned int, 'b' bool, 'U' unicode string. */
    public char kind() {
        return kind;
    }

    public int itemSize() {
        return itemSize;
    }

    /** The dtype as NumPy writes it, e.g. {@code <f4}. */
    public String dtype() {
        return (itemSize == 1 && kind != 'U' ? "|" : "<") + kind + (kind == 'U' ? itemSize / 4 : itemSize);
    }

    public long[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    /** Number of elements (product of the shape). */
    public int size() {
        return data.capacity() / itemSize;
    }

    /** Throws unless the shape equals {@code expected} (use -1 for "any" in a dimension). */
    public NpyArray requireShape(long... expected) {
        boolean ok = expected.length == shape.length;
        for (int d = 0; ok && d < shape.length; d++) ok = expected[d] < 0 || expected[d] == shape[d];
        if (!ok) {
            throw DatasetFormatException.of(source, "shape " + Arrays.toString(expected).replace("-1", "*"),
                    Arrays.toString(shape));
        }
        return this;
    }

    /** Throws unless the dtype kind is one of {@code kinds}. */
    public NpyArray requireKind(String kinds) {
        if (kinds.indexOf(kind) < 0) {
            throw DatasetFormatException.of(source, "dtype kind in '" + kinds + "'", dtype());
        }
        return this;
    }

    /** Element {@code k} (flat C index) as a double. */
    public double getDouble(int k) {
        int p = k * itemSize;
        switch (kind) {
            case 'f':
                return itemSize == 4 ? data.getFloat(p) : itemSize == 8 ? data.getDouble(p) : Float.NaN;
            case 'i':
            case 'u':
            case 'b':
                return getLong(k);
            default:
                throw DatasetFormatException.of(source, "a numeric dtype", dtype());
        }
    }

    /** Element {@code k} (flat C index) as a long; floats must be integral. */
    public long getLong(int k) {
        int p = k * itemSize;
        if (kind == 'i') {
            switch (itemSize) {
                case 1: return data.get(p);
                case 2: return data.getShort(p);
                case 4: return data.getInt(p);
                default: return data.getLong(p);
            }
        }
        if (kind == 'u' || kind == 'b') {
            switch (itemSize) {
                case 1: return data.get(p) & 0xffL;
                case 2: return data.getShort(p) & 0xffffL;
                case 4: return data.getInt(p) & 0xffffffffL;
                default:
                    long v = data.getLong(p);
                    if (v < 0) throw DatasetFormatException.of(source, "uint64 value < 2^63", Long.toUnsignedString(v));
                    return v;
            }
        }
        if (kind == 'f') {
            double d = getDouble(k);
            if (d != Math.rint(d) || Math.abs(d) > 9.0e15) {
                throw DatasetFormatException.of(source, "an integral value at element " + k, Double.toString(d));
            }
            return (long) d;
        }
        throw DatasetFormatException.of(source, "a numeric dtype", dtype());
    }

    /** All elements as doubles. */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        for (int k = 0; k < out.length; k++) out[k] = getDouble(k);
        return out;
    }

    /** All elements as ints, checking that each fits. */
    public int[] toIntArray() {
        int[] out = new int[size()];
        for (int k = 0; k < out.length; k++) {
            long v = getLong(k);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw DatasetFormatException.of(source, "a 32-bit integer at element " + k, Long.toString(v));
            }
            out[k] = (int) v;
        }
        return out;
    }

    /** All elements as longs. */
    public long[] toLongArray() {
        long[] out = new long[size()];
        for (int k = 0; k < out.length; k++) out[k] = getLong(k);
        return out;
    }

    /** A unicode ({@code <U n}) array as Java strings (trailing NULs stripped). */
    public String[] toStringArray() {
        if (kind != 'U') throw DatasetFormatException.of(source, "a unicode string dtype (<U...)", dtype());
        String[] out = new String[size()];
        byte[] item = new byte[itemSize];
        for (int k = 0; k < out.length; k++) {
            data.get(k * itemSize, item);
            int len = itemSize;
            while (len >= 4 && item[len - 1] == 0 && item[len - 2] == 0 && item[len - 3] == 0 && item[len - 4] == 0) {
                len -= 4;
            }
            out[k] = new String(item, 0, len, java.nio.charset.Charset.forName("UTF-32LE"));
        }
        return out;
    }

    /** For error messages. */
    @Override
    public String toString() {
        return "NpyArray[" + source + ", " + dtype() + ", shape " + Arrays.toString(shape) + "]";
    }

    static String ascii(byte[] b, int n) {
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }
}
