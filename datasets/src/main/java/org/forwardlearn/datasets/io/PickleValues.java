package org.forwardlearn.datasets.io;

import java.util.Arrays;
import java.util.Map;

/**
 * The values the strict {@link PickleReader} can produce besides Long, Boolean, String (Python 2 {@code str},
 * decoded as latin-1), {@link java.util.List} (Python list), {@link java.util.Map} (dict / defaultdict) and
 * {@link #NONE}. Nothing here executes code: each type is plain data filled in by {@code BUILD}.
 */
public final class PickleValues {
    /** Python {@code None}. */
    public static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    private PickleValues() {
    }

    /** A Python tuple. */
    public record Tuple(Object[] items) {
        public int size() {
            return items.length;
        }

        public Object get(int i) {
            return items[i];
        }

        @Override
        public String toString() {
            return "Tuple" + Arrays.toString(items);
        }
    }

    /** A {@code GLOBAL} reference (module, name); only an allow-listed set is accepted. */
    public record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /** A {@code numpy.dtype} built from its code ({@code i4}, {@code f4}) and, after BUILD, byte order. */
    public static final class Dtype {
        final String code;
        String byteOrder = "|";

        Dtype(String code) {
            this.code = code;
        }

        @Override
        public String toString() {
            return byteOrder + code;
        }
    }

    /** A {@code numpy.ndarray} (C order), filled in by BUILD with (version, shape, dtype, fortran, raw). */
    public static final class NdArray {
        long[] shape;
        Dtype dtype;
        byte[] raw;

        public long[] shape() {
            return shape == null ? new long[0] : shape.clone();
        }

        public String dtype() {
            return String.valueOf(dtype);
        }

        /** As an {@link NpyArray} (for conversions), named {@code source}. */
        NpyArray toNpy(String source) {
            if (shape == null || raw == null || dtype == null) {
                throw new org.forwardlearn.datasets.DatasetFormatException(source, -1, "",
                        "an ndarray with its state set by BUILD", "an ndarray without state");
            }
            char kind = dtype.code.charAt(0);
            int item = Integer.parseInt(dtype.code.substring(1));
            return new NpyArray(source, kind, item, shape, raw);
        }
    }

    /** A {@code scipy.sparse.csr.csr_matrix}: its {@code __dict__} after BUILD. */
    public static final class CsrMatrix {
        Map<?, ?> state;

        public Map<?, ?> state() {
            return state;
        }
    }
}
