package org.forwardlearn.core.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.ejml.data.DMatrixRMaj;

/**
 * A trained (or partially trained) layer-wise model on disk.
 *
 * <h2>File format (version 1), big-endian</h2>
 * <pre>
 * magic        4 bytes  "FLCK"
 * version      int32    1
 * metadata     int32 count, then count x (string key, string value)
 * completed    int32    layers completely trained (a run resumes at this layer)
 * total        int32    layers the model will have
 * layers       int32 count, then per layer:
 *                string type; int32 nattr, nattr x (string, string);
 *                int32 nmat, nmat x (string name, int32 rows, int32 cols, rows*cols float64 row-major)
 * crc32        int64    CRC-32 of every preceding byte
 * string       int32 byte length, then UTF-8 bytes
 * </pre>
 * Writes are atomic: the file is written to a temporary sibling and moved into place. Reads refuse a
 * directory, a special file and a file above {@link ReadBudget#maxBytes()} before reading, then check the
 * magic, the version, every length against the bytes that remain (no allocation from an unchecked
 * header value), the CRC, and that every matrix value is finite, and fail with
 * {@link CheckpointFormatException} naming the file and offset. Typed metadata is read with
 * {@link #intField}, {@link #doubleField} and {@link #booleanField}. Values that are not finite are refused
 * when saving too.
 */
public record Checkpoint(Map<String, String> metadata, int completedLayers, int totalLayers, List<LayerRecord> layers) {
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'F', 'L', 'C', 'K'};

    public Checkpoint {
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        layers = List.copyOf(layers);
        if (completedLayers < 0 || completedLayers > totalLayers || layers.size() < completedLayers) {
            throw new IllegalArgumentException("Expected 0 <= completed <= total and at least 'completed' layer records (got completed="
                    + completedLayers + ", total=" + totalLayers + ", records=" + layers.size() + ")");
        }
    }

    public boolean isComplete() { return completedLayers == totalLayers; }

    /** Writes atomically (temp file in the same folder, then move). */
    public void save(Path file) throws IOException {
        requireFinite();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(metadata.size());
        for (Map.Entry<String, String> e : metadata.entrySet()) { writeString(out, e.getKey()); writeString(out, e.getValue()); }
        out.writeInt(completedLayers);
        out.writeInt(totalLayers);
        out.writeInt(layers.size());
        for (LayerRecord r : layers) {
            writeString(out, r.type());
            out.writeInt(r.attributes().size());
            for (Map.Entry<String, String> e : r.attributes().entrySet()) { writeString(out, e.getKey()); writeString(out, e.getValue()); }
            out.writeInt(r.matrices().size());
            for (LayerRecord.NamedMatrix m : r.matrices()) {
                writeString(out, m.name());
                out.writeInt(m.value().numRows);
                out.writeInt(m.value().numCols);
                int n = m.value().getNumElements();
                for (int i = 0; i < n; i++) out.writeDouble(m.value().data[i]);
            }
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        writeAtomically(file, bytes.toByteArray());
    }

    /** Metadata value {@code key}; a missing key gives an {@link IllegalArgumentException} "Expected metadata ...". */
    public String field(String key) {
        String v = metadata.get(key);
        if (v == null) {
            throw new IllegalArgumentException("Expected metadata '" + key + "' in the checkpoint (got keys "
                    + ReadBudget.preview(String.join(",", metadata.keySet())) + ")");
        }
        return v;
    }

    /** Metadata value {@code key} as a decimal int in [min, max]. */
    public int intField(String key, int min, int max) {
        String v = field(key);
        try {
            int x = Integer.parseInt(v.trim());
            if (x >= min && x <= max) return x;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("Expected metadata '" + key + "' to be an integer in [" + min + ", " + max + "] (got "
                + ReadBudget.preview(v) + ")");
    }

    /** Metadata value {@code key} as a finite double in [min, max], or {@code fallback} when the key is absent. */
    public double doubleField(String key, double min, double max, double fallback) {
        String v = metadata.get(key);
        if (v == null) return fallback;
        try {
            double x = Double.parseDouble(v.trim());
            if (Double.isFinite(x) && x >= min && x <= max) return x;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("Expected metadata '" + key + "' to be a finite number in [" + min + ", " + max + "] (got "
                + ReadBudget.preview(v) + ")");
    }

    /** Metadata value {@code key} as "true" or "false". */
    public boolean booleanField(String key) {
        String v = field(key);
        if (v.equals("true")) return true;
        if (v.equals("false")) return false;
        throw new IllegalArgumentException("Expected metadata '" + key + "' to be true or false (got " + ReadBudget.preview(v) + ")");
    }

    /**
     * Loads {@code file} and converts it with {@code decode} (e.g. {@code FfMlpModel::fromCheckpoint}); an
     * {@link IllegalArgumentException} or {@link IllegalStateException} of the decoder (a field of the wrong type,
     * inconsistent shapes) becomes a {@link CheckpointFormatException} naming the file.
     */
    public static <T> T load(Path file, java.util.function.Function<Checkpoint, T> decode) throws IOException {
        Checkpoint c = load(file);
        try {
            return decode.apply(c);
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            throw new CheckpointFormatException("Invalid checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Refuses a checkpoint holding NaN or infinite values (it could not be loaded again). */
    private void requireFinite() {
        for (int l = 0; l < layers.size(); l++) {
            for (LayerRecord.NamedMatrix m : layers.get(l).matrices()) {
                double[] d = m.value().data;
                int n = m.value().getNumElements();
                for (int k = 0; k < n; k++) {
                    if (!Double.isFinite(d[k])) {
                        throw new IllegalArgumentException("Expected finite values in matrix '" + m.name() + "' of layer " + l
                                + " ('" + layers.get(l).type() + "') (got " + d[k] + " at index " + k + "): not saved");
                    }
                }
            }
        }
    }

    /** Writes bytes to a temporary sibling, forces them to disk, then moves it over {@code file} ({@link AtomicFiles}). */
    public static void writeAtomically(Path file, byte[] data) throws IOException {
        AtomicFiles.replace(file, tmp -> {
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
        });
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Reads and validates a checkpoint. A missing path, a directory, a special file or a file above
     * {@link ReadBudget#maxBytes()} is refused before anything is read; every error names the file.
     */
    public static Checkpoint load(Path file) throws IOException {
        ReadBudget.Refusal<CheckpointFormatException> refusal = (expected, got) ->
                new CheckpointFormatException("Expected " + expected + " for checkpoint " + file + " (got " + got + ")");
        long length = ReadBudget.regularFile(file, refusal);
        byte[] all;
        try (java.io.InputStream raw = Files.newInputStream(file)) {
            all = raw.readNBytes((int) length);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CheckpointFormatException("Expected a checkpoint file at " + file + " (got no such file)", e);
        } catch (IOException e) {
            throw new CheckpointFormatException("Expected a readable checkpoint file at " + file + " (got " + e + ")", e);
        }
        Reader in = new Reader(file, all);
        if (all.length < MAGIC.length + 4 + 8) {
            throw new CheckpointFormatException("Expected a checkpoint of at least 16 bytes in " + file + " (got " + all.length
                    + " bytes): the file is truncated or not a checkpoint");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (all[i] != MAGIC[i]) {
                throw new CheckpointFormatException("Expected magic 'FLCK' at offset 0 of " + file + " (got bytes "
                        + String.format("%02x %02x %02x %02x", all[0], all[1], all[2], all[3]) + "): not a forwardlearn checkpoint");
            }
        }
        in.pos = 4;
        int version = in.readInt("version");
        if (version != VERSION) {
            throw new CheckpointFormatException("Expected checkpoint version " + VERSION + " in " + file + " (got " + version + ")");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        in.limit = all.length - 8;
        Map<String, String> meta = new LinkedHashMap<>();
        int nMeta = in.readCount("metadata entries", 8);
        in.heap(nMeta, 160, "metadata entries");
        for (int i = 0; i < nMeta; i++) meta.put(in.readString(), in.readString());
        int completed = in.readInt("completed layers");
        int total = in.readInt("total layers");
        int nLayers = in.readCount("layer records", 12);
        in.heap(nLayers, 256, "layer records");
        List<LayerRecord> layers = new ArrayList<>();
        String nonFinite = null;
        for (int l = 0; l < nLayers; l++) {
            String type = in.readString();
            Map<String, String> attrs = new LinkedHashMap<>();
            int na = in.readCount("attributes", 8);
            in.heap(na, 160, "attributes");
            for (int i = 0; i < na; i++) attrs.put(in.readString(), in.readString());
            int nm = in.readCount("matrices", 12);
            in.heap(nm, 160, "matrices");
            List<LayerRecord.NamedMatrix> mats = new ArrayList<>();
            for (int i = 0; i < nm; i++) {
                String name = in.readString();
                int rows = in.readCount("rows", 0), cols = in.readCount("cols", 0);
                long n = (long) rows * cols;
                if (n > in.remaining() / 8) {
                    throw new CheckpointFormatException("Expected " + n * 8 + " bytes of matrix '" + name + "' at offset " + in.pos
                            + " of " + file + " (got " + in.remaining() + "): the file is truncated or corrupt");
                }
                in.heap(n, 8, "matrix values");
                DMatrixRMaj m = new DMatrixRMaj(rows, cols);
                for (int k = 0; k < n; k++) {
                    double v = in.readDouble();
                    if (!Double.isFinite(v) && nonFinite == null) {
                        nonFinite = "matrix '" + ReadBudget.escape(name, 40) + "' of layer " + l + " ('" + ReadBudget.escape(type, 40)
                                + "') holds " + v + " at index " + k;
                    }
                    m.data[k] = v;
                }
                mats.add(new LayerRecord.NamedMatrix(name, m));
            }
            layers.add(new LayerRecord(type, attrs, mats));
        }
        if (in.pos != in.limit) {
            throw new CheckpointFormatException("Expected the checksum at offset " + in.pos + " of " + file + " (got "
                    + (in.limit - in.pos) + " unexpected bytes)");
        }
        if (crc.getValue() != stored) {
            throw new CheckpointFormatException("Expected CRC-32 " + Long.toHexString(stored) + " of " + file + " (got "
                    + Long.toHexString(crc.getValue()) + "): the file is corrupt");
        }
        if (nonFinite != null) {
            throw new CheckpointFormatException("Expected finite weights in " + file + " (got " + nonFinite
                    + "): the model diverged before it was saved or the file was edited");
        }
        try {
            return new Checkpoint(meta, completed, total, layers);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException("Inconsistent checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /** Bounds-checked big-endian reads over the file's bytes. */
    private static final class Reader {
        final Path file;
        final byte[] b;
        int pos, limit;

        Reader(Path file, byte[] b) { this.file = file; this.b = b; this.limit = b.length; }

        long remaining() { return limit - pos; }

        /** Estimated heap of the objects read so far; refused above the read budget (many tiny entries). */
        private long heap = 0;

        void heap(long count, long bytesEach, String what) throws CheckpointFormatException {
            heap += count * bytesEach;
            if (heap > ReadBudget.maxBytes()) {
                throw new CheckpointFormatException("Expected objects within " + ReadBudget.capName() + " in " + file + " (got "
                        + count + " " + what + " at offset " + pos + ", about " + heap + " bytes of heap)");
            }
        }

        void need(int n, String what) throws CheckpointFormatException {
            if (remaining() < n) {
                throw new CheckpointFormatException("Expected " + n + " bytes of " + what + " at offset " + pos + " of " + file
                        + " (got " + remaining() + "): the file is truncated or corrupt");
            }
        }

        int readInt(String what) throws CheckpointFormatException {
            need(4, what);
            int v = ByteBuffer.wrap(b, pos, 4).getInt();
            pos += 4;
            return v;
        }

        /** A non-negative count whose items need at least minBytesEach bytes each. */
        int readCount(String what, int minBytesEach) throws CheckpointFormatException {
            int at = pos;
            int v = readInt(what);
            if (v < 0 || (long) v * minBytesEach > remaining()) {
                throw new CheckpointFormatException("Expected a count of " + what + " that fits the file at offset " + at + " of "
                        + file + " (got " + v + "): the file is truncated or corrupt");
            }
            return v;
        }

        double readDouble() {
            double v = ByteBuffer.wrap(b, pos, 8).getDouble();
            pos += 8;
            return v;
        }

        String readString() throws CheckpointFormatException {
            int len = readCount("string bytes", 1);
            String s = new String(b, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }
    }
}
