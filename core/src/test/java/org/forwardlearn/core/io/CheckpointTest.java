package org.forwardlearn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.TestUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint format: bit-exact round trip, strict rejection of damaged files, atomic writes. */
class CheckpointTest {
    @TempDir Path dir;

    static Checkpoint sample() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", "test");
        meta.put("unicode", "Grüße, 東京 ✓");
        meta.put("empty", "");
        DMatrixRMaj w = new DMatrixRMaj(2, 3, true, 1.5, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300); // non-finite values are refused (CheckpointHostileTest)
        DMatrixRMaj b = new DMatrixRMaj(1, 3, true, Math.PI, -Math.E, 0.1);
        LayerRecord l0 = new LayerRecord("dense", Map.of("activation", "relu"),
                List.of(new LayerRecord.NamedMatrix("weight", w), new LayerRecord.NamedMatrix("bias", b)));
        LayerRecord l1 = new LayerRecord("custom", Map.of(), List.of(new LayerRecord.NamedMatrix("empty", new DMatrixRMaj(0, 4))));
        return new Checkpoint(meta, 1, 3, List.of(l0, l1));
    }

    static void assertSame(Checkpoint a, Checkpoint b) {
        assertEquals(a.metadata(), b.metadata());
        assertEquals(List.copyOf(a.metadata().keySet()), List.copyOf(b.metadata().keySet()), "metadata order");
        assertEquals(a.completedLayers(), b.completedLayers());
        assertEquals(a.totalLayers(), b.totalLayers());
        assertEquals(a.layers().size(), b.layers().size());
        for (int l = 0; l < a.layers().size(); l++) {
            LayerRecord x = a.layers().get(l), y = b.layers().get(l);
            assertEquals(x.type(), y.type());
            assertEquals(x.attributes(), y.attributes());
            assertEquals(x.matrices().size(), y.matrices().size());
            for (int m = 0; m < x.matrices().size(); m++) {
                assertEquals(x.matrices().get(m).name(), y.matrices().get(m).name());
                assertTrue(TestUtil.bitEqual(x.matrices().get(m).value(), y.matrices().get(m).value()),
                        "matrix " + x.matrices().get(m).name() + " bit-exact");
            }
        }
    }

    @Test
    void roundTripIsExact() throws IOException {
        Path f = dir.resolve("a.flck");
        Checkpoint c = sample();
        c.save(f);
        Checkpoint back = Checkpoint.load(f);
        assertSame(c, back);
        assertEquals(false, back.isComplete());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.layers().get(0).matrix("weight").get(0, 1)));
    }

    @Test
    void atomicWriteLeavesOnlyTheFileAndReplacesAnOldOne() throws IOException {
        Path f = dir.resolve("sub/dir/model.flck");
        sample().save(f);
        Checkpoint second = new Checkpoint(Map.of("model", "v2"), 0, 0, List.of());
        second.save(f);
        assertSame(second, Checkpoint.load(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(List.of(f.getFileName().toString()), s.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file left behind");
        }
    }

    @Test
    void everySingleFlippedByteIsRejectedCleanly() throws IOException {
        Path f = dir.resolve("c.flck");
        sample().save(f);
        byte[] good = Files.readAllBytes(f);
        for (int i = 0; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x5A;
            Files.write(f, bad);
            try {
                Checkpoint.load(f);
                fail("flipping byte " + i + " of " + good.length + " was not detected");
            } catch (CheckpointFormatException e) {
                assertTrue(e.getMessage().contains(f.toString()), "message names the file: " + e.getMessage());
            } catch (Exception e) {
                fail("flipping byte " + i + ": expected CheckpointFormatException (got " + e + ")");
            }
        }
    }

    @Test
    void aFlippedDataByteIsACrcError() throws IOException {
        Path f = dir.resolve("d.flck");
        sample().save(f);
        byte[] b = Files.readAllBytes(f);
        int at = indexOf(b, "weight".getBytes(StandardCharsets.UTF_8)) + 6 + 8 + 3; // name, rows, cols, then 3 bytes into w[0]
        b[at] ^= 0x01;
        Files.write(f, b);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.load(f));
        assertTrue(e.getMessage().contains("CRC") && e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void everyTruncationIsRejectedCleanly() throws IOException {
        Path f = dir.resolve("e.flck");
        sample().save(f);
        byte[] good = Files.readAllBytes(f);
        for (int len = 0; len < good.length; len++) {
            Files.write(f, java.util.Arrays.copyOf(good, len));
            try {
                Checkpoint.load(f);
                fail("truncation to " + len + " of " + good.length + " bytes was not detected");
            } catch (CheckpointFormatException e) {
                assertTrue(e.getMessage().contains(f.toString()), "message names the file: " + e.getMessage());
            } catch (Exception e) {
                fail("truncation to " + len + ": expected CheckpointFormatException (got " + e + ")");
            }
        }
    }

    @Test
    void wrongMagicAndWrongVersionAreNamed() throws IOException {
        Path f = dir.resolve("f.flck");
        sample().save(f);
        byte[] b = Files.readAllBytes(f);
        byte[] magic = b.clone();
        magic[0] = 'P'; magic[1] = 'K';
        Files.write(f, magic);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.load(f));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
        byte[] version = b.clone();
        version[7] = 2;
        Files.write(f, withCrc(java.util.Arrays.copyOf(version, version.length - 8)));
        e = assertThrows(CheckpointFormatException.class, () -> Checkpoint.load(f));
        assertTrue(e.getMessage().contains("version") && e.getMessage().contains("(got 2)"), e.getMessage());
        assertThrows(CheckpointFormatException.class, () -> Checkpoint.load(dir.resolve("missing.flck")));
    }

    /** Hand-built files with a valid CRC whose headers claim absurd sizes. */
    @Test
    void hugeClaimedLengthsAreRejectedWithoutAllocating() throws IOException {
        assertRejected(header(Integer.MAX_VALUE, null, null), "metadata count");
        assertRejected(header(-1, null, null), "negative metadata count");
        assertRejected(rawFile(out -> { out.writeInt(1); out.writeInt(Integer.MAX_VALUE); }), "string length");
        assertRejected(rawFile(out -> { out.writeInt(0); out.writeInt(0); out.writeInt(0); out.writeInt(Integer.MAX_VALUE); }), "layer count");
        assertRejected(matrixFile(100_000, 100_000), "rows x cols beyond the file");
        assertRejected(matrixFile(-1, 4), "negative rows");
    }

    @Test
    void matrixSizeOverflowingALongIsRejected() throws IOException {
        assertRejected(matrixFile(Integer.MAX_VALUE, Integer.MAX_VALUE), "rows x cols x 8 overflowing a long");
    }

    interface Body { void write(DataOutputStream out) throws IOException; }

    private Path rawFile(Body body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {'F', 'L', 'C', 'K'});
        out.writeInt(1);
        body.write(out);
        out.write(new byte[64]); // some bytes after the bogus header, so only the claimed size is wrong
        out.flush();
        Path f = Files.createTempFile(dir, "raw", ".flck");
        Files.write(f, withCrc(bytes.toByteArray()));
        return f;
    }

    private Path header(int metaCount, String k, String v) throws IOException {
        return rawFile(out -> out.writeInt(metaCount));
    }

    private Path matrixFile(int rows, int cols) throws IOException {
        return rawFile(out -> {
            out.writeInt(0);            // metadata
            out.writeInt(1);            // completed
            out.writeInt(1);            // total
            out.writeInt(1);            // layers
            out.writeInt(1); out.write('d'); // type "d"
            out.writeInt(0);            // attributes
            out.writeInt(1);            // matrices
            out.writeInt(1); out.write('w'); // name "w"
            out.writeInt(rows);
            out.writeInt(cols);
        });
    }

    private static void assertRejected(Path f, String what) {
        long t0 = System.nanoTime();
        try {
            Checkpoint.load(f);
            fail(what + ": expected CheckpointFormatException (got a checkpoint)");
        } catch (CheckpointFormatException e) {
            assertTrue(e.getMessage().contains(f.toString()), what + ": message names the file: " + e.getMessage());
        } catch (Throwable e) {
            fail(what + ": expected CheckpointFormatException (got " + e + ")");
        }
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, what + ": rejected quickly");
    }

    /** Replaces the last 8 bytes with the CRC-32 of the bytes before them (or appends it when absent). */
    static byte[] withCrc(byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content, 0, content.length);
        byte[] out = java.util.Arrays.copyOf(content, content.length + 8);
        java.nio.ByteBuffer.wrap(out, content.length, 8).putLong(crc.getValue());
        return out;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void inconsistentCountsAreRejectedOnConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(Map.of(), 2, 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Checkpoint(Map.of(), 1, 2, List.of()));
        assertThrows(IllegalArgumentException.class, () -> sample().layers().get(0).matrix("nope"));
        assertThrows(IllegalArgumentException.class, () -> sample().layers().get(0).attribute("nope"));
    }
}
