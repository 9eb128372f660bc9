package org.forwardlearn.datasets.io;

import org.forwardlearn.core.io.ReadBudget;
import org.forwardlearn.datasets.DatasetFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reader of the NumPy {@code .npy} format (versions 1, 2 and 3): magic {@code \x93NUMPY}, version, header
 * length (2 bytes LE in v1, 4 in v2/3), an ASCII Python-dict header with {@code descr}, {@code fortran_order}
 * and {@code shape}, then the raw data. Supported dtypes: little-endian (or single-byte) {@code f4 f8 i1 i2
 * i4 i8 u1 u2 u4 u8 b1} and {@code <U n}; object and structured arrays are refused (they need pickle).
 *
 * <p>The byte count claimed by the header is checked against the bytes actually available before anything
 * is allocated, so a corrupt header cannot trigger a huge allocation.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 20;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    /** Reads a whole {@code .npy} file. */
    public static NpyArray read(Path file) {
        long len = Budget.fileLength(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in, len);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /**
     * Reads one array from {@code in}, which must hold exactly {@code available} bytes.
     *
     * @param source the file name used in error messages
     */
    public static NpyArray read(String source, InputStream in, long available) throws IOException {
        byte[] pre = in.readNBytes(10);
        if (pre.length < 10) {
            throw DatasetFormatException.atByte(source, pre.length, "a 10-byte .npy preamble", pre.length + " bytes");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre[i] != MAGIC[i]) {
                throw DatasetFormatException.atByte(source, 0, "magic \\x93NUMPY", quote(pre, 6));
            }
        }
        int major = pre[6] & 0xff;
        long headerLen;
        int preamble;
        if (major == 1) {
            headerLen = (pre[8] & 0xff) | ((pre[9] & 0xff) << 8);
            preamble = 10;
        } else if (major == 2 || major == 3) {
            byte[] more = in.readNBytes(2);
            if (more.length < 2) throw DatasetFormatException.atByte(source, 10, "a 4-byte header length", "end of data");
            headerLen = (pre[8] & 0xffL) | ((pre[9] & 0xffL) << 8) | ((more[0] & 0xffL) << 16) | ((more[1] & 0xffL) << 24);
            preamble = 12;
        } else {
            throw DatasetFormatException.atByte(source, 6, ".npy format version 1, 2 or 3", major + "." + (pre[7] & 0xff));
        }
        if (headerLen > MAX_HEADER || preamble + headerLen > available) {
            throw DatasetFormatException.atByte(source, 8, "a header length <= " + Math.min(MAX_HEADER,
                    available - preamble), Long.toString(headerLen));
        }
        byte[] hb = in.readNBytes((int) headerLen);
        if (hb.length < headerLen) {
            throw DatasetFormatException.atByte(source, preamble + hb.length, headerLen + " header bytes",
                    hb.length + " (truncated)");
        }
        String header = NpyArray.ascii(hb, hb.length);
        Matcher dm = DESCR.matcher(header);
        if (!dm.find()) {
            throw DatasetFormatException.atByte(source, preamble, "a simple dtype such as '<f4' in 'descr'",
                    ReadBudget.preview(header.trim()));
        }
        char order = dm.group(1).charAt(0);
        char kind = dm.group(2).charAt(0);
        int n = dm.group(3).isEmpty() ? 0 : parseIntSafe(source, preamble, dm.group(3));
        int itemSize = kind == 'U' ? checkedMul(source, preamble, n, 4) : n;
        checkDtype(source, preamble, order, kind, n, dm.group(0));
        Matcher fm = FORTRAN.matcher(header);
        Matcher sm = SHAPE.matcher(header);
        if (!fm.find() || !sm.find()) {
            throw DatasetFormatException.atByte(source, preamble, "'fortran_order' and 'shape' in the header",
                    ReadBudget.preview(header.trim()));
        }
        boolean fortran = fm.group(1).equals("True");
        long[] shape = parseShape(source, preamble, sm.group(1));
        long count = 1;
        for (long d : shape) count = checkedMul(source, preamble, count, d);
        long bytes = checkedMul(source, preamble, count, itemSize);
        long dataStart = preamble + headerLen;
        if (bytes != available - dataStart) {
            throw DatasetFormatException.atByte(source, dataStart, bytes + " data bytes for shape "
                    + java.util.Arrays.toString(shape) + " of " + dm.group(1) + kind + n, (available - dataStart)
                    + " bytes" + (bytes > available - dataStart ? " (truncated)" : ""));
        }
        if (count > ReadBudget.MAX_ARRAY) {
            throw DatasetFormatException.atByte(source, preamble, "fewer than 2^31 elements", count + " for shape "
                    + java.util.Arrays.toString(shape));
        }
        ReadBudget.checkBytes(bytes, "array data of", Budget.refusal(source));
        byte[] data = in.readNBytes((int) bytes);
        if (data.length < bytes) {
            throw DatasetFormatException.atByte(source, dataStart + data.length, bytes + " data bytes",
                    data.length + " (truncated)");
        }
        if (fortran && shape.length > 1) data = toCOrder(data, shape, itemSize);
        return new NpyArray(source, kind, itemSize, shape, data);
    }

    private static void checkDtype(String source, long pos, char order, char kind, int n, String descr) {
        boolean ok = switch (kind) {
            case 'f' -> n == 4 || n == 8;
            case 'i', 'u' -> n == 1 || n == 2 || n == 4 || n == 8;
            case 'b' -> n == 1;
            case 'U' -> n >= 1;
            default -> false;
        };
        if (!ok) {
            throw DatasetFormatException.atByte(source, pos, "dtype f4, f8, i1-i8, u1-u8, b1 or U (no object arrays)",
                    descr);
        }
        int item = kind == 'U' ? 4 : n;
        if (order == '>' && item > 1) {
            throw DatasetFormatException.atByte(source, pos, "little-endian data ('<')", descr);
        }
    }

    private static long[] parseShape(String source, long pos, String s) {
        String t = s.trim();
        if (t.isEmpty()) return new long[0];
        String[] parts = t.split(",");
        int dims = parts[parts.length - 1].trim().isEmpty() ? parts.length - 1 : parts.length;
        if (dims > 32) throw DatasetFormatException.atByte(source, pos, "at most 32 dimensions", Integer.toString(dims));
        long[] shape = new long[dims];
        for (int i = 0; i < dims; i++) {
            String p = parts[i].trim().replace("L", "");
            try {
                shape[i] = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw DatasetFormatException.atByte(source, pos, "integer dimensions in 'shape'", ReadBudget.preview("(" + s + ")"));
            }
            if (shape[i] < 0) throw DatasetFormatException.atByte(source, pos, "dimensions >= 0", ReadBudget.preview("(" + s + ")"));
        }
        return shape;
    }

    private static int parseIntSafe(String source, long pos, String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw DatasetFormatException.atByte(source, pos, "a small item size", ReadBudget.preview(s));
        }
    }

    private static long checkedMul(String source, long pos, long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw DatasetFormatException.atByte(source, pos, "an array size below 2^63", a + " * " + b);
        }
    }

    private static int checkedMul(String source, long pos, int a, int b) {
        long r = checkedMul(source, pos, (long) a, (long) b);
        if (r > Integer.MAX_VALUE) throw DatasetFormatException.atByte(source, pos, "a small item size", Long.toString(r));
        return (int) r;
    }

    private static byte[] toCOrder(byte[] f, long[] shape, int item) {
        int nd = shape.length;
        int count = f.length / item;
        byte[] c = new byte[f.length];
        int[] idx = new int[nd];
        for (int k = 0; k < count; k++) {
            // k is the C-order index; idx holds its multi-index; compute the Fortran offset
            long off = 0;
            long stride = 1;
            for (int d = 0; d < nd; d++) {
                off += idx[d] * stride;
                stride *= shape[d];
            }
            System.arraycopy(f, (int) off * item, c, k * item, item);
            for (int d = nd - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
        return c;
    }

    private static String quote(byte[] b, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(String.format("\\x%02x", b[i] & 0xff));
        return sb.toString();
    }
}
