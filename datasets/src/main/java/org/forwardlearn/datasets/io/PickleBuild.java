package org.forwardlearn.datasets.io;

import org.forwardlearn.datasets.io.PickleValues.CsrMatrix;
import org.forwardlearn.datasets.io.PickleValues.Dtype;
import org.forwardlearn.datasets.io.PickleValues.NdArray;
import org.forwardlearn.datasets.io.PickleValues.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The {@code BUILD} opcode of {@link PickleReader}: stores state into the three allowed object kinds. */
final class PickleBuild {
    private PickleBuild() {
    }

    static void build(PickleReader r, Object state, Object obj) {
        if (obj instanceof Dtype d) {
            if (!(state instanceof Tuple t) || t.size() < 2 || !(t.get(1) instanceof String order)
                    || !order.matches("[<>|=]")) {
                throw r.err("dtype state (3, '<', ...)", PickleValues.brief(state));
            }
            d.byteOrder = order;
            int item = Integer.parseInt(d.code.substring(1));
            if (order.equals(">") && item > 1) throw r.err("little-endian dtype", ">" + d.code);
        } else if (obj instanceof NdArray a) {
            buildArray(r, state, a);
        } else if (obj instanceof CsrMatrix m) {
            if (!(state instanceof Map<?, ?> map)) throw r.err("a dict as csr_matrix state", PickleValues.brief(state));
            m.state = map;
        } else {
            throw r.err("BUILD of an ndarray, dtype or csr_matrix", "BUILD of " + PickleValues.brief(obj));
        }
    }

    private static void buildArray(PickleReader r, Object state, NdArray a) {
        if (!(state instanceof Tuple t) || t.size() != 5 || !(t.get(1) instanceof Tuple shape)
                || !(t.get(2) instanceof Dtype dtype) || !(t.get(3) instanceof Boolean fortran)
                || !(t.get(4) instanceof String raw)) {
            throw r.err("ndarray state (version, shape, dtype, fortran_order, raw bytes)", PickleValues.brief(state));
        }
        if (fortran) throw r.err("fortran_order False", "True");
        long[] dims = new long[shape.size()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            if (!(shape.get(i) instanceof Long v) || v < 0) throw r.err("non-negative int dimensions", shape.toString());
            dims[i] = v;
            if (v > 0 && count > Integer.MAX_VALUE / v) throw r.err("an array below 2^31 elements", shape.toString());
            count *= v;
        }
        int item = Integer.parseInt(dtype.code.substring(1));
        if (count > org.forwardlearn.core.io.ReadBudget.MAX_ARRAY) throw r.err("an array below 2^31 elements", shape.toString());
        if (count * item != raw.length()) {
            throw r.err(count * item + " raw bytes for shape " + java.util.Arrays.toString(dims) + " of " + dtype,
                    raw.length() + " bytes");
        }
        a.shape = dims;
        a.dtype = dtype;
        a.raw = raw.getBytes(StandardCharsets.ISO_8859_1);
    }
}
