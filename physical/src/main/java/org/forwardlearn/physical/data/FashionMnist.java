package org.forwardlearn.physical.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Fashion-MNIST from its gzip IDX files: 60k train / 10k test, pixels scaled to [0, 1], 10 classes. */
public final class FashionMnist {
    private FashionMnist() {}

    public static Dataset load(Path dataDir) {
        Path d = DataDirs.folder(dataDir, "fashion-mnist");
        return new Dataset("fashion-mnist", images(d.resolve("train-images-idx3-ubyte.gz")), labels(d.resolve("train-labels-idx1-ubyte.gz")),
                images(d.resolve("t10k-images-idx3-ubyte.gz")), labels(d.resolve("t10k-labels-idx1-ubyte.gz")), 10);
    }

    static double[][] images(Path p) {
        try (DataInputStream in = open(p)) {
            int magic = in.readInt();
            if (magic != 0x803) throw new IllegalArgumentException("Expected IDX magic 0x803 in " + p + " (got 0x" + Integer.toHexString(magic) + ")");
            int n = in.readInt(), rows = in.readInt(), cols = in.readInt();
            byte[] buf = new byte[rows * cols];
            double[][] x = new double[n][rows * cols];
            for (int i = 0; i < n; i++) {
                in.readFully(buf);
                for (int j = 0; j < buf.length; j++) x[i][j] = (buf[j] & 0xFF) / 255.0;
            }
            return x;
        } catch (IOException e) {
            throw new IllegalArgumentException("Expected a readable IDX file " + p + " (got " + e + ")", e);
        }
    }

    static int[] labels(Path p) {
        try (DataInputStream in = open(p)) {
            int magic = in.readInt();
            if (magic != 0x801) throw new IllegalArgumentException("Expected IDX magic 0x801 in " + p + " (got 0x" + Integer.toHexString(magic) + ")");
            int n = in.readInt();
            int[] y = new int[n];
            for (int i = 0; i < n; i++) y[i] = in.readUnsignedByte();
            return y;
        } catch (IOException e) {
            throw new IllegalArgumentException("Expected a readable IDX file " + p + " (got " + e + ")", e);
        }
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream raw = Files.newInputStream(p);
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
    }
}
