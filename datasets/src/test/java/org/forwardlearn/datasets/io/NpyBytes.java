package org.forwardlearn.datasets.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small synthetic .npy / .npz fixtures in tests. */
public final class NpyBytes {
    private NpyBytes() {
    }

    public static byte[] npy(String descr, boolean fortran, String shape, byte[] data) {
        String h = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
                + shape + "), }";
        int total = 10 + h.length() + 1;
        int pad = (64 - total % 64) % 64;
        StringBuilder sb = new StringBuilder(h);
        sb.append(" ".repeat(pad)).append('\n');
        byte[] hb = sb.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + hb.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) hb.length).put(hb).put(data);
        return b.array();
    }

    public static byte[] i4(int... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : v) b.putInt(x);
        return b.array();
    }

    public static byte[] i8(long... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) b.putLong(x);
        return b.array();
    }

    public static byte[] f4(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        return b.array();
    }

    public static byte[] f8(double... v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) b.putDouble(x);
        return b.array();
    }

    /** Writes an npz (zip of key.npy) with the given entries, deflated or stored. */
    public static Path npz(Path file, Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        Files.write(file, bo.toByteArray());
        return file;
    }

    /** A valid 3-node triangle-less path graph 0-1-2 (plus one self-loop on 2) in gnn-benchmark layout. */
    public static Map<String, byte[]> tinyGraph() {
        Map<String, byte[]> m = new java.util.LinkedHashMap<>();
        // CSR adjacency: 0->1, 1->2, 2->2
        m.put("adj_data", npy("<f4", false, "3,", f4(1, 1, 1)));
        m.put("adj_indices", npy("<i4", false, "3,", i4(1, 2, 2)));
        m.put("adj_indptr", npy("<i4", false, "4,", i4(0, 1, 2, 3)));
        m.put("adj_shape", npy("<i8", false, "2,", i8(3, 3)));
        m.put("attr_data", npy("<f4", false, "3,", f4(0.5f, 2f, 1f)));
        m.put("attr_indices", npy("<i4", false, "3,", i4(0, 1, 0)));
        m.put("attr_indptr", npy("<i4", false, "4,", i4(0, 1, 2, 3)));
        m.put("attr_shape", npy("<i8", false, "2,", i8(3, 2)));
        m.put("labels", npy("|i1", false, "3,", new byte[] {0, 1, 1}));
        return m;
    }
}
