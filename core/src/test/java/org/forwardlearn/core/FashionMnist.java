package org.forwardlearn.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.ejml.data.DMatrixRMaj;

/** Test-only reader of the first n samples of Fashion-MNIST's gzip IDX files (pixels scaled to [0, 1]). */
public final class FashionMnist {
    public final DMatrixRMaj x;
    public final int[] y;

    private FashionMnist(DMatrixRMaj x, int[] y) { this.x = x; this.y = y; }

    /** The shared datasets folder: system property forwardlearn.data, else env FORWARDLEARN_DATA. */
    public static Path dataDir() {
        String d = System.getProperty("forwardlearn.data");
        if (d == null || d.isBlank()) d = System.getenv("FORWARDLEARN_DATA");
        if (d == null || d.isBlank()) fail("Expected the datasets folder via -Dforwardlearn.data=DIR or FORWARDLEARN_DATA (got neither)");
        Path p = Path.of(d, "fashion-mnist");
        if (!Files.isDirectory(p)) fail("Expected Fashion-MNIST in " + p.toAbsolutePath() + " (got no such folder)");
        return p;
    }

    /** @param split "train" or "t10k" */
    public static FashionMnist load(String split, int n) throws IOException {
        Path dir = dataDir();
        try (DataInputStream img = open(dir.resolve(split + "-images-idx3-ubyte.gz"));
             DataInputStream lab = open(dir.resolve(split + "-labels-idx1-ubyte.gz"))) {
            check(img.readInt(), 0x803, "images");
            int count = img.readInt(), rows = img.readInt(), cols = img.readInt();
            check(lab.readInt(), 0x801, "labels");
            if (lab.readInt() != count || n > count) throw new IOException("Expected " + n + " <= " + count + " samples with labels");
            int d = rows * cols;
            DMatrixRMaj x = new DMatrixRMaj(n, d);
            byte[] buf = new byte[d];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                img.readFully(buf);
                for (int j = 0; j < d; j++) x.data[i * d + j] = (buf[j] & 0xff) / 255.0;
                y[i] = lab.readUnsignedByte();
            }
            return new FashionMnist(x, y);
        }
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream in = new GZIPInputStream(Files.newInputStream(p), 1 << 16);
        return new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
    }

    private static void check(int magic, int expected, String what) throws IOException {
        if (magic != expected) throw new IOException("Expected IDX magic " + Integer.toHexString(expected) + " for " + what
                + " (got " + Integer.toHexString(magic) + ")");
    }
}
