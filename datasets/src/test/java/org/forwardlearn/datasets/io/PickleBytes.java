package org.forwardlearn.datasets.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes protocol-2 pickles opcode by opcode, for hostile-input fixtures. */
final class PickleBytes {
    private final ByteArrayOutputStream b = new ByteArrayOutputStream();

    PickleBytes() {
        b.write(0x80);
        b.write(2);
    }

    PickleBytes op(int c) {
        b.write(c);
        return this;
    }

    /** An int with the shortest opcode (BININT1, BININT2 or BININT). */
    PickleBytes integer(long v) {
        if (v >= 0 && v < 256) return op('K').op((int) v);
        if (v >= 0 && v < 65536) return op('M').op((int) (v & 0xff)).op((int) (v >> 8));
        op('J');
        for (int i = 0; i < 4; i++) op((int) ((v >> (8 * i)) & 0xff));
        return this;
    }

    PickleBytes str(String s) {
        byte[] d = s.getBytes(StandardCharsets.ISO_8859_1);
        if (d.length < 256) {
            op('U').op(d.length);
        } else {
            op('T');
            for (int i = 0; i < 4; i++) op((d.length >> (8 * i)) & 0xff);
        }
        b.write(d, 0, d.length);
        return this;
    }

    PickleBytes global(String module, String name) {
        op('c');
        byte[] d = (module + "\n" + name + "\n").getBytes(StandardCharsets.ISO_8859_1);
        b.write(d, 0, d.length);
        return this;
    }

    PickleBytes put(int k) {
        return op('q').op(k);
    }

    PickleBytes get(int k) {
        return op('h').op(k);
    }

    /** A numpy int32/float32 ndarray of the given shape with raw little-endian bytes. */
    PickleBytes ndarray(String code, long[] shape, byte[] raw) {
        global("numpy.core.multiarray", "_reconstruct").global("numpy", "ndarray").op(')').str("b").op(0x87).op('R');
        op('(').integer(1).op('(');
        for (long d : shape) integer(d);
        op('t');
        global("numpy", "dtype").str(code).op(0x88).op(0x88).op(0x87).op('R').integer(3).str("<").op(0x86).op('b');
        op(0x89).str(new String(raw, StandardCharsets.ISO_8859_1)).op('t').op('b');
        return this;
    }

    /** A scipy csr_matrix with the given shape and int32 indptr / indices, float32 data. */
    PickleBytes csr(long rows, long cols, int[] indptr, int[] indices, float[] data) {
        global("scipy.sparse.csr", "csr_matrix").op(')').op(0x81).op('}').op('(');
        str("_shape").integer(rows).integer(cols).op(0x86);
        str("indptr").ndarray("i4", new long[] {indptr.length}, NpyBytes.i4(indptr));
        str("indices").ndarray("i4", new long[] {indices.length}, NpyBytes.i4(indices));
        str("data").ndarray("f4", new long[] {data.length}, NpyBytes.f4(data));
        return op('u').op('b');
    }

    byte[] stop() {
        b.write('.');
        return b.toByteArray();
    }
}
