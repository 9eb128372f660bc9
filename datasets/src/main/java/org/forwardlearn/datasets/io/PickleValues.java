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

    /**
     * A short one-line description of a pickled value for error messages: scalars as themselves, strings as an
     * escaped prefix, containers by kind and size (never expanded: they may be deep, huge or shared).
     */
    public static String brief(Object o) {
        if (o instanceof Tuple t) return "tuple of " + t.size() + " items";
        if (o instanceof java.util.List<?> l) return "list of " + l.size() + " items";
        if (o instanceof Map<?, ?> m) return "dict of " + m.size() + " entries";
        if (o instanceof NdArray a) return "ndarray of shape " + Arrays.toString(a.shape());
        if (o instanceof CsrMatrix) return "csr_matrix";
        if (o instanceof String s) return "str " + org.forwardlearn.core.io.ReadBudget.preview(s);
        if (o instanceof Global g) return org.forwardlearn.core.io.ReadBudget.escape(g.toString(), 80);
        return org.forwardlearn.core.io.ReadBudget.escape(String.valueOf(o), 60);
    }

    /** A Python tuple. */
    public record Tuple(Object[] items) {
        public int size() {
            return items.length;
        }

        public Object get(int i) {
            return items[i];
        }

        /** At most 4 items, each {@link PickleValues#brief} (never recursive, so a deep or shared tuple prints short). */
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("Tuple[");
            for (int i = 0; i < Math.min(4, items.length); i++) b.append(i > 0 ? ", " : "").append(brief(items[i]));
            if (items.length > 4) b.append(", ... ").append(items.length).append(" items");
            return b.append(']').toString();
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
