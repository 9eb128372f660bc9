package org.forwardlearn.datasets.io;

import org.forwardlearn.core.io.ReadBudget;
import org.forwardlearn.datasets.DatasetFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The IDX format (MNIST, Fashion-MNIST), raw or gzip-compressed: magic {@code 00 00 <type> <ndim>}, ndim
 * big-endian int32 dimensions, then the data. Only unsigned bytes (type 0x08) are read. Sizes follow
 * {@link Budget}: the claimed size is checked against the cap and the file length (raw) or the inflation bound
 * (gzip; the ISIZE trailer is not used, it only describes the last member of a multi-member file).
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

    /**
     * Reads {@code file}. Zero dimensions give a valid empty array. The element count is computed without
     * overflow and checked against the cap, and (raw) against the file's length or (gzip, any number of
     * members) against the inflation bound; the data are streamed, so a header that lies costs at most what is
     * really there, and data after the claimed count are refused.
     */
    public static Idx read(Path file) {
        long len = Budget.fileLength(file);
        if (len == 0) throw DatasetFormatException.of(file, "an IDX file", "an empty file");
        try (InputStream in = Budget.open(file)) {
            boolean gz = ReadBudget.isGzip(file);
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
            long[] ld = new long[nd];
            for (int i = 0; i < nd; i++) {
                dims[i] = ((db[4 * i] & 0xff) << 24) | ((db[4 * i + 1] & 0xff) << 16) | ((db[4 * i + 2] & 0xff) << 8) | (db[4 * i + 3] & 0xff);
                if (dims[i] < 0) throw DatasetFormatException.atByte(file, 4 + 4 * i, "a dimension >= 0", Integer.toString(dims[i]));
                ld[i] = dims[i];
            }
            long count = Budget.product(file, "IDX data for dims", 1, ld);
            long header = 4 + 4L * nd;
            if (!gz && count != len - header) {
                throw DatasetFormatException.atByte(file, header, count + " data bytes for dims " + Arrays.toString(dims),
                        (len - header) + (count > len - header ? " (truncated)" : ""));
            }
            if (gz) ReadBudget.checkInflated(count, len, Budget.refusal(file));
            byte[] data = in.readNBytes((int) count);
            if (data.length < count) {
                throw DatasetFormatException.atByte(file, header + data.length, count + " data bytes for dims "
                        + Arrays.toString(dims), data.length + " (truncated)");
            }
            if (in.read() >= 0) {
                throw DatasetFormatException.atByte(file, header + count, "end of data after " + count + " data bytes for dims "
                        + Arrays.toString(dims), "more bytes");
            }
            return new Idx(dims, data);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw DatasetFormatException.of(file, "a complete gzip stream", String.valueOf(e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
