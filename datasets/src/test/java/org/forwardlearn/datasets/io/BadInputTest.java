package org.forwardlearn.datasets.io;

import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.forwardlearn.datasets.io.NpyBytes.f4;
import static org.forwardlearn.datasets.io.NpyBytes.i4;
import static org.forwardlearn.datasets.io.NpyBytes.i8;
import static org.forwardlearn.datasets.io.NpyBytes.npy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed inputs built in a temp dir: every reader throws a DatasetFormatException naming file and expectation. */
class BadInputTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] b) throws Exception {
        return Files.write(dir.resolve(name), b);
    }

    /** Asserts a DatasetFormatException whose message names the file and contains {@code fragment}. */
    private static void bad(Path file, String fragment, Executable ex) {
        DatasetFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(DatasetFormatException.class, ex));
        assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("Expected "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void npyEmptyWrongMagicVersionAndHeader() throws Exception {
        Path empty = write("e.npy", new byte[0]);
        bad(empty, "preamble", () -> NpyReader.read(empty));
        byte[] good = npy("<f4", false, "2,", f4(1, 2));
        assertEquals(2.0, NpyReader.read(write("ok.npy", good)).getDouble(1), 0.0);
        byte[] magic = good.clone();
        magic[1] = 'X';
        Path m = write("m.npy", magic);
        bad(m, "(byte 0): Expected magic", () -> NpyReader.read(m));
        byte[] ver = good.clone();
        ver[6] = 9;
        Path v = write("v.npy", ver);
        bad(v, "version", () -> NpyReader.read(v));
        Path noShape = write("s.npy", npy("<f4", false, "2,", f4(1, 2)).clone());
        byte[] h = Files.readAllBytes(noShape);
        String text = new String(h, StandardCharsets.ISO_8859_1).replace("'shape'", "'shxpe'");
        Path ns = write("ns.npy", text.getBytes(StandardCharsets.ISO_8859_1));
        bad(ns, "'shape'", () -> NpyReader.read(ns));
    }

    @Test
    void npyWrongDtypeTruncatedAndHugeClaims() throws Exception {
        Path obj = write("o.npy", npy("|O", false, "2,", new byte[16]));
        bad(obj, "no object arrays", () -> NpyReader.read(obj));
        Path be = write("be.npy", npy(">f4", false, "2,", f4(1, 2)));
        bad(be, "little-endian", () -> NpyReader.read(be));
        Path f2 = write("f2.npy", npy("<f2", false, "2,", new byte[4]));
        bad(f2, "dtype", () -> NpyReader.read(f2));
        Path trunc = write("t.npy", npy("<f4", false, "100,", f4(1, 2)));
        bad(trunc, "400 data bytes", () -> NpyReader.read(trunc));
        Path huge = write("h.npy", npy("<f8", false, "1000000000000,", f4(1)));
        bad(huge, "8000000000000 data bytes", () -> NpyReader.read(huge));
        Path overflow = write("ov.npy", npy("<f8", false, "4611686018427387904, 4", new byte[0]));
        bad(overflow, "below 2^63", () -> NpyReader.read(overflow));
        Path neg = write("n.npy", npy("<f8", false, "-3,", new byte[0]));
        bad(neg, ">= 0", () -> NpyReader.read(neg));
        NpyArray fl = NpyReader.read(write("fl.npy", npy("<f4", false, "1,", f4(1.5f))));
        bad(dir.resolve("fl.npy"), "integral", fl::toIntArray);
    }

    @Test
    void npyFortranOrderIsReordered() throws Exception {
        // 2x3 matrix [[1,2,3],[4,5,6]] stored column-major
        NpyArray a = NpyReader.read(write("f.npy", npy("<i4", true, "2, 3", i4(1, 4, 2, 5, 3, 6))));
        assertEquals(Arrays.toString(new int[] {1, 2, 3, 4, 5, 6}), Arrays.toString(a.toIntArray()));
    }

    private Path npz(String name, Map<String, byte[]> entries) throws Exception {
        return NpyBytes.npz(dir.resolve(name), entries);
    }

    @Test
    void npzGoodTinyGraphThenEachCorruption() throws Exception {
        Path ok = npz("ok.npz", NpyBytes.tinyGraph());
        var g = NpzGraphLoader.load(ok, "tiny", NpzGraphLoader.Options.PYG);
        assertEquals(3, g.numNodes());
        assertEquals(2, g.undirectedEdgeCount());
        assertEquals(1, g.edgeReport().selfLoopsRead());
        assertEquals(1.0, g.features().get(0, 0), 0.0); // 0.5 binarised

        Path empty = write("empty.npz", new byte[0]);
        bad(empty, "zip archive", () -> NpzGraphLoader.load(empty, "x", NpzGraphLoader.Options.PYG));
        Path garbage = write("garbage.npz", "this is not a zip".getBytes(StandardCharsets.US_ASCII));
        bad(garbage, "zip archive", () -> NpzGraphLoader.load(garbage, "x", NpzGraphLoader.Options.PYG));
        byte[] all = Files.readAllBytes(ok);
        Path cut = write("cut.npz", Arrays.copyOf(all, all.length / 2));
        bad(cut, "Expected", () -> NpzGraphLoader.load(cut, "x", NpzGraphLoader.Options.PYG));

        var m = new java.util.LinkedHashMap<>(NpyBytes.tinyGraph());
        m.remove("labels");
        Path missing = npz("missing.npz", m);
        bad(missing, "'labels'", () -> NpzGraphLoader.load(missing, "x", NpzGraphLoader.Options.PYG));

        m = new java.util.LinkedHashMap<>(NpyBytes.tinyGraph());
        m.remove("adj_indptr");
        Path noIndptr = npz("noindptr.npz", m);
        bad(noIndptr, "zip entry 'adj_indptr.npy'", () -> NpzGraphLoader.load(noIndptr, "x", NpzGraphLoader.Options.PYG));

        m = new java.util.LinkedHashMap<>(NpyBytes.tinyGraph());
        m.put("adj_indices", npy("<i4", false, "3,", i4(1, 7, 2)));
        Path range = npz("range.npz", m);
        bad(range, "column index in [0, 3) at entry 1 (got 7)", () -> NpzGraphLoader.load(range, "x",
                NpzGraphLoader.Options.PYG));

        m = new java.util.LinkedHashMap<>(NpyBytes.tinyGraph());
        m.put("adj_shape", npy("<i8", false, "3,", i8(3, 3, 3)));
        Path shape = npz("shape.npz", m);
        bad(shape, "shape [2]", () -> NpzGraphLoader.load(shape, "x", NpzGraphLoader.Options.PYG));

        m = new java.util.LinkedHashMap<>(NpyBytes.tinyGraph());
        m.put("adj_indices", npy("<f4", false, "3,", f4(1, 2, 2)));
        Path dtype = npz("dtype.npz", m);
        bad(dtype, "dtype kind in 'iu'", () -> NpzGraphLoader.load(dtype, "x", NpzGraphLoader.Options.PYG));

        m = new java.util.LinkedHashMap<>(NpyBytes.tinyGraph());
        m.put("adj_indptr", npy("<i4", false, "4,", i4(0, 2, 1, 3)));
        Path indptr = npz("indptr.npz", m);
        bad(indptr, "non-decreasing indptr", () -> NpzGraphLoader.load(indptr, "x", NpzGraphLoader.Options.PYG));

        m = new java.util.LinkedHashMap<>(NpyBytes.tinyGraph());
        m.put("labels", npy("|i1", false, "2,", new byte[] {0, 1}));
        Path labels = npz("labels.npz", m);
        bad(labels, "shape [3]", () -> NpzGraphLoader.load(labels, "x", NpzGraphLoader.Options.PYG));
    }

    @Test
    void pickleEmptyUnexpectedOpcodeForbiddenGlobalAndTruncation() throws Exception {
        Path empty = write("ind.x.y", new byte[0]);
        bad(empty, "an empty file", () -> PickleReader.read(empty));
        Path uni = write("uni.pkl", new byte[] {(byte) 0x80, 2, 'V', 'a', '\n', '.'});
        bad(uni, "(byte 2): Expected one of the opcodes", () -> PickleReader.read(uni));
        bad(uni, "opcode 0x56 'V' (UNICODE)", () -> PickleReader.read(uni));
        Path os = write("os.pkl", "\u0080\u0002cos\nsystem\nq\u0000.".getBytes(StandardCharsets.ISO_8859_1));
        bad(os, "GLOBAL 'os system'", () -> PickleReader.read(os));
        Path proto = write("p4.pkl", new byte[] {(byte) 0x80, 4, 'N', '.'});
        bad(proto, "protocol 2", () -> PickleReader.read(proto));
        Path longStr = write("ls.pkl", new byte[] {(byte) 0x80, 2, 'T', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, '.'});
        bad(longStr, "string length", () -> PickleReader.read(longStr));
        Path noStop = write("ns.pkl", new byte[] {(byte) 0x80, 2, 'N'});
        bad(noStop, "no STOP", () -> PickleReader.read(noStop));
        Path badGet = write("bg.pkl", new byte[] {(byte) 0x80, 2, 'h', 5, '.'});
        bad(badGet, "memo key", () -> PickleReader.read(badGet));
        byte[] real = Files.readAllBytes(TestData.dir().resolve("planetoid/ind.cora.y"));
        Path half = write("ind.cora.y", Arrays.copyOf(real, real.length / 2));
        bad(half, "Expected", () -> PickleReader.read(half));
        byte[] graph = Files.readAllBytes(TestData.dir().resolve("planetoid/ind.cora.graph"));
        Path g = write("graph.pkl", Arrays.copyOf(graph, graph.length - 300));
        bad(g, "Expected", () -> PickleReader.read(g));
    }

    @Test
    void planetoidTestIndexAndShapeErrors() throws Exception {
        Path planetoid = dir.resolve("p");
        Files.createDirectories(planetoid);
        for (String ext : new String[] {"x", "y", "tx", "ty", "allx", "ally", "graph"}) {
            Files.copy(TestData.dir().resolve("planetoid/ind.cora." + ext), planetoid.resolve("ind.cora." + ext));
        }
        Path idx = Files.writeString(planetoid.resolve("ind.cora.test.index"), "1708\nabc\n");
        bad(idx, "(line 2): Expected a decimal node id (got 'abc')", () -> PlanetoidLoader.load(planetoid, "cora"));
        Files.writeString(idx, "1708\n1709\n");
        bad(idx, "1000 and 1000", () -> PlanetoidLoader.load(planetoid, "cora"));
        Files.copy(TestData.dir().resolve("planetoid/ind.cora.y"), planetoid.resolve("ind.cora.x"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(TestData.dir().resolve("planetoid/ind.cora.test.index"), idx,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        bad(planetoid.resolve("ind.cora.x"), "a pickled csr_matrix", () -> PlanetoidLoader.load(planetoid, "cora"));
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bo)) {
            z.write(b);
        }
        return bo.toByteArray();
    }

    @Test
    void idxEmptyMagicTruncatedHugeAndBrokenGzip() throws Exception {
        byte[] ok = {0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9};
        assertEquals(9, IdxReader.read(write("ok-idx1-ubyte", ok)).get(2));
        assertEquals(9, IdxReader.read(write("ok-idx1-ubyte.gz", gzip(ok))).get(2));
        Path empty = write("e-idx1-ubyte", new byte[0]);
        bad(empty, "an empty file", () -> IdxReader.read(empty));
        Path magic = write("m-idx1-ubyte", new byte[] {0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0});
        bad(magic, "IDX magic", () -> IdxReader.read(magic));
        Path trunc = write("t-idx1-ubyte", new byte[] {0, 0, 8, 1, 0, 0, 0, 5, 1, 2});
        bad(trunc, "5 data bytes", () -> IdxReader.read(trunc));
        Path huge = write("h-idx3-ubyte.gz", gzip(new byte[] {0, 0, 8, 3, 0x7f, 0, 0, 0, 0x7f, 0, 0, 0, 0, 0, 0, 1}));
        bad(huge, "fewer than 2^31", () -> IdxReader.read(huge));
        byte[] gz = gzip(new byte[1000]);
        Path cut = write("c-idx1-ubyte.gz", Arrays.copyOf(gz, gz.length - 6));
        bad(cut, "Expected", () -> IdxReader.read(cut));
        Path labels = write("l-idx1-ubyte", new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 3, 12});
        bad(labels, "a label < 10 (got 12)", () -> ImageSamples.labels(labels, 10));
    }

    @Test
    void textFormats() throws Exception {
        Path vow = write("vowdata.dat", "header only\r\n".getBytes(StandardCharsets.US_ASCII));
        bad(vow, "data lines", () -> VowelData.load(vow));
        Path vow2 = write("vow2.dat", "m01ae 323 174 663\r\n".getBytes(StandardCharsets.US_ASCII));
        bad(vow2, "(line 1): Expected 16 columns (got 4)", () -> VowelData.load(vow2));
        Path digits = write("digits.csv.gz", gzip("1,2,3\n".getBytes(StandardCharsets.US_ASCII)));
        bad(digits, "(line 1): Expected 65 comma-separated values (got 3)", () -> DigitsLoader.load(digits, "d"));
        Path content = write("cora.content", "p1\t1\t0\tA\np2\t0\t1\tB\n".getBytes(StandardCharsets.US_ASCII));
        Path cites = write("cora.cites", "p1\tp9\n".getBytes(StandardCharsets.US_ASCII));
        bad(cites, "(line 1): Expected ids present in cora.content",
                () -> LinqsLoader.load(content, cites, "c"));
        Path x = write("x.csv", "1,2\n3\n".getBytes(StandardCharsets.US_ASCII));
        bad(x, "(line 1): Expected 20 columns (got 2)", () -> AcousticPairs.load(x, x));
        Path emptyCsv = write("y.csv", new byte[0]);
        bad(emptyCsv, "an empty file", () -> AcousticPairs.load(emptyCsv, emptyCsv));
    }
}
