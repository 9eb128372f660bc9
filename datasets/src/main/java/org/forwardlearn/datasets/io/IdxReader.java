package org.forwardlearn.datasets.io;

import org.forwardlearn.datasets.DatasetFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The IDX format (MNIST, Fashion-MNIST), raw or gzip-compressed: magic {@code 00 00 <type> <ndim>}, ndim
 * big-endian int32 dimensions, then the data. Only unsigned bytes (type 0x08) are read. The claimed size is
 * checked against the file length (raw) or the gzip ISIZE trailer before allocating.
 */
public final class IdxReader {
    /** Dimensions and unsigned-byte data of one IDX file. */
    public record Idx(int[] dims, byte[] data) {
        /** Element k as 0..255. */
        public int get(int k) {
            return data[k] & 0xff;
        }
    }

    private IdxReader() {
    }

    public static Idx read(Path file) {
        try {
            long available = availableBytes(file);
            try (InputStream raw = Files.newInputStream(file);
                 InputStream in = gzip(file) ? new GZIPInputStream(raw, 1 << 16) : raw) {
                byte[] head = in.readNBytes(4);
                if (head.length < 4) throw DatasetFormatException.atByte(file, head.length, "a 4-byte IDX magic", head.length + " bytes");
                if (head[0] != 0 || head[1] != 0 || head[2] != 0x08) {
                    throw DatasetFormatException.atByte(file, 0, "IDX magic 0x000008nn (unsigned bytes)",
                            String.format("0x%02x%02x%02x%02x", head[0], head[1], head[2], head[3]));
                }
                int nd = head[3] & 0xff;
                if (nd < 1 || nd > 4) throw DatasetFormatException.atByte(file, 3, "1 to 4 dimensions", Integer.toString(nd));
                byte[] db = in.readNBytes(4 * nd);
                if (db.length < 4 * nd) throw DatasetFormatException.atByte(file, 4 + db.length, 4 * nd + " dimension bytes", "end of data");
                int[] dims = new int[nd];
                long count = 1;
                for (int i = 0; i < nd; i++) {
                    dims[i] = ((db[4 * i] & 0xff) << 24) | ((db[4 * i + 1] & 0xff) << 16) | ((db[4 * i + 2] & 0xff) << 8) | (db[4 * i + 3] & 0xff);
                    if (dims[i] < 0) throw DatasetFormatException.atByte(file, 4 + 4 * i, "a dimension >= 0", Integer.toString(dims[i]));
                    count *= dims[i];
                    if (count > Integer.MAX_VALUE - 16) throw DatasetFormatException.atByte(file, 4, "fewer than 2^31 elements", Arrays.toString(dims));
                }
                long header = 4 + 4L * nd;
                if (available >= 0 && count != available - header) {
                    throw DatasetFormatException.atByte(file, header, count + " data bytes for dims " + Arrays.toString(dims),
                            (available - header) + (count > available - header ? " (truncated)" : ""));
                }
                byte[] data = in.readNBytes((int) count);
                if (data.length < count) throw DatasetFormatException.atByte(file, header + data.length, count + " data bytes", data.length + " (truncated)");
                return new Idx(dims, data);
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw DatasetFormatException.of(file, "a complete gzip stream", String.valueOf(e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    private static boolean gzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] m = in.readNBytes(2);
            return m.length == 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b;
        }
    }

    /** Uncompressed length: the file length, or for gzip the ISIZE trailer (size mod 2^32). */
    private static long availableBytes(Path file) throws IOException {
        long len = Files.size(file);
        if (len == 0) throw DatasetFormatException.of(file, "an IDX file", "an empty file");
        if (!gzip(file)) return len;
        if (len < 18) throw DatasetFormatException.of(file, "a gzip file of at least 18 bytes", len + " bytes");
        try (RandomAccessFile r = new RandomAccessFile(file.toFile(), "r")) {
            r.seek(len - 4);
            byte[] t = new byte[4];
            r.readFully(t);
            return (t[0] & 0xffL) | ((t[1] & 0xffL) << 8) | ((t[2] & 0xffL) << 16) | ((t[3] & 0xffL) << 24);
        }
    }
}
