package org.forwardlearn.physical.pff;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The complete state of a PFF run between two block-update rounds, written atomically (temp file in the same
 * directory, then an atomic move). Random streams are derived from (seed, epoch, batch), so the position
 * (epoch, next batch) stands for the RNG state.
 *
 * @param fingerprint  identifies the configuration (seed, sizes); a resume with another configuration is refused
 * @param epoch        current epoch
 * @param nextBatch    next batch to run in that epoch
 * @param epochLoss    sum of batch losses so far in this epoch
 * @param counters     {queries, samples, macs}
 * @param elapsed      training seconds so far
 * @param params       per block, W then b values (row-major)
 * @param adam         per block, {@link org.forwardlearn.core.optim.Adam#saveState} output
 * @param devices      per block, the device state ({@link org.forwardlearn.physical.StatefulSystem#state()}) or empty
 * @param history      per finished epoch {epoch, loss, valAccuracy, elapsedSeconds}
 */
public record PffCheckpoint(String fingerprint, int epoch, int nextBatch, double epochLoss, long[] counters, double elapsed,
                            double[][] params, double[][] adam, double[][] devices, double[][] history) {
    private static final int MAGIC = 0x50464643; // "PFFC"
    private static final int VERSION = 1;

    public void write(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(fingerprint);
            out.writeInt(epoch);
            out.writeInt(nextBatch);
            out.writeDouble(epochLoss);
            for (long c : counters) out.writeLong(c);
            out.writeDouble(elapsed);
            writeArrays(out, params);
            writeArrays(out, adam);
            writeArrays(out, devices);
            writeArrays(out, history);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static PffCheckpoint read(Path path) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
            int magic = in.readInt();
            if (magic != MAGIC) throw new IOException("Expected a PFF checkpoint (got magic 0x" + Integer.toHexString(magic) + " in " + path + ")");
            int v = in.readInt();
            if (v != VERSION) throw new IOException("Expected checkpoint version " + VERSION + " (got " + v + ")");
            String fp = in.readUTF();
            int epoch = in.readInt(), next = in.readInt();
            double loss = in.readDouble();
            long[] c = {in.readLong(), in.readLong(), in.readLong()};
            double el = in.readDouble();
            return new PffCheckpoint(fp, epoch, next, loss, c, el, readArrays(in), readArrays(in), readArrays(in), readArrays(in));
        }
    }

    private static void writeArrays(DataOutputStream out, double[][] a) throws IOException {
        out.writeInt(a.length);
        for (double[] r : a) {
            out.writeInt(r.length);
            for (double v : r) out.writeDouble(v);
        }
    }

    private static double[][] readArrays(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 20) throw new IOException("Expected a sane array count (got " + n + ")");
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            int m = in.readInt();
            if (m < 0 || m > 1 << 28) throw new IOException("Expected a sane array length (got " + m + ")");
            a[i] = new double[m];
            for (int j = 0; j < m; j++) a[i][j] = in.readDouble();
        }
        return a;
    }
}
