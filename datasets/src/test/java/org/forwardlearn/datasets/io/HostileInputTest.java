package org.forwardlearn.datasets.io;

import org.forwardlearn.core.io.ReadBudget;
import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.TestData;
import org.forwardlearn.datasets.graph.Graph;
import org.forwardlearn.datasets.table.TableGraphReader;
import org.forwardlearn.datasets.table.TableOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The malformed-input suite of issue 15 (causes 1-3): small files that claim huge sizes, pickles that blow up,
 * silent acceptance and wrong refusals. Every file is generated here; every refusal must come within 5 s, in
 * the 256 MB heap of the {@code hostile-256m} surefire execution, as a one-line {@link DatasetFormatException}
 * naming the file that is wrong and reading "Expected X (got Y)".
 */
@Tag("hostile")
class HostileInputTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] b) throws Exception {
        return Files.write(dir.resolve(name), b);
    }

    private static DatasetFormatException refused(Path file, String fragment, Executable ex) {
        DatasetFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(DatasetFormatException.class, ex));
        String m = e.getMessage();
        assertTrue(m.contains(file.getFileName().toString()), "names " + file.getFileName() + ": " + m);
        assertTrue(m.contains("Expected "), m);
        assertTrue(m.contains(fragment), "mentions '" + fragment + "': " + m);
        assertTrue(m.length() < 700 && !m.contains("\n"), "one short line, got " + m.length() + " chars");
        return e;
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(bo)) {
            z.write(b);
        }
        return bo.toByteArray();
    }

    /** A gzip of {@code head} then {@code zeros} zero bytes, written in chunks (never held whole). */
    private Path gzipZeros(String name, byte[] head, long zeros) throws Exception {
        return gzipFill(name, head, (byte) 0, zeros);
    }

    /** A gzip (fastest level) of {@code head} then {@code n} copies of {@code fill}, written in chunks. */
    private Path gzipFill(String name, byte[] head, byte fill, long n) throws Exception {
        long zeros = n;
        Path f = dir.resolve(name);
        try (OutputStream z = new GZIPOutputStream(Files.newOutputStream(f), 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            z.write(head);
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, fill);
            for (long left = zeros; left > 0; left -= chunk.length) z.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
        return f;
    }

    private static byte[] idxHeader(int... dims) {
        byte[] h = new byte[4 + 4 * dims.length];
        h[2] = 8;
        h[3] = (byte) dims.length;
        for (int i = 0; i < dims.length; i++) {
            for (int k = 0; k < 4; k++) h[4 + 4 * i + k] = (byte) (dims[i] >>> (24 - 8 * k));
        }
        return h;
    }

    @Test
    void thisSuiteRunsInA256MegabyteHeap() {
        assertTrue(Runtime.getRuntime().maxMemory() <= 256L << 20, "max heap " + Runtime.getRuntime().maxMemory());
    }

    // ---- cause 1: small files claiming huge sizes ------------------------------------------------------------

    @Test
    void npzEntryOf0_8MbCompressedClaiming800MbIsRefusedBeforeInflating() throws Exception {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        byte[] npy = NpyBytes.npy("<f4", false, "200000000,", new byte[0]);
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            z.setLevel(Deflater.BEST_COMPRESSION);
            z.putNextEntry(new ZipEntry("x.npy"));
            z.write(npy);
            z.write(new byte[800_000]); // a real, small entry...
            z.closeEntry();
        }
        byte[] zip = bo.toByteArray();
        // ...whose central directory (and local header) then claim 800 MB uncompressed
        for (int i = 0; i + 4 <= zip.length; i++) {
            int sig = (zip[i] & 0xff) | (zip[i + 1] & 0xff) << 8 | (zip[i + 2] & 0xff) << 16 | (zip[i + 3] & 0xff) << 24;
            int at = sig == 0x02014b50 ? i + 24 : sig == 0x04034b50 ? i + 22 : -1;
            if (at > 0) for (int k = 0; k < 4; k++) zip[at + k] = (byte) ((800_000_000 + npy.length) >>> (8 * k));
        }
        Path f = write("bomb.npz", zip);
        try (NpzFile npz = NpzFile.open(f)) {
            refused(f, "decompressed size", () -> npz.get("x"));
        }
    }

    @Test
    void npzEntryThatReallyInflatesBeyondTheCapIsRefused() throws Exception {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bo)) {
            z.setLevel(Deflater.BEST_SPEED);
            z.putNextEntry(new ZipEntry("x.npy"));
            z.write(NpyBytes.npy("<f4", false, "25000000,", new byte[0]));
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 100; i++) z.write(chunk);
            z.closeEntry();
        }
        Path f = write("big.npz", bo.toByteArray());
        try (NpzFile npz = NpzFile.open(f)) {
            refused(f, ReadBudget.MAX_BYTES_PROPERTY, () -> npz.get("x"));
        }
    }

    @Test
    void gzipIdxOf1MbClaiming941MbIsRefusedBeforeAllocating() throws Exception {
        Path f = gzipZeros("bomb-idx3-ubyte.gz", idxHeader(941, 1000, 1000), 1_000_000);
        refused(f, ReadBudget.MAX_BYTES_PROPERTY, () -> IdxReader.read(f));
    }

    @Test
    void gzipIdxThatInflatesBeyondItsClaimOrTheRatioIsRefused() throws Exception {
        Path f = gzipZeros("more-idx1-ubyte.gz", idxHeader(10), 1000);
        refused(f, "more bytes", () -> IdxReader.read(f));
        String old = System.getProperty(ReadBudget.MAX_RATIO_PROPERTY);
        try {
            System.setProperty(ReadBudget.MAX_RATIO_PROPERTY, "10");
            Path r = gzipZeros("ratio-idx1-ubyte.gz", idxHeader(2_000_000), 2_000_000);
            refused(r, "10 x the", () -> IdxReader.read(r));
        } finally {
            if (old == null) System.clearProperty(ReadBudget.MAX_RATIO_PROPERTY); else System.setProperty(ReadBudget.MAX_RATIO_PROPERTY, old);
        }
    }

    @Test
    void gzipCsvWithOne700MillionCharacterLineIsRefusedWithoutBuildingIt() throws Exception {
        Path f = gzipFill("digits.csv.gz", new byte[0], (byte) '1', 700_000_000L); // one line, no newline
        refused(f, "lines of at most", () -> DigitsLoader.load(f, "d"));
    }

    @Test
    void gzipTextThatInflatesBeyondTheCapIsRefused() throws Exception {
        Path f = gzipFill("x_data.csv.gz", new byte[0], (byte) '\n', 100L << 20); // empty lines, skipped
        Path y = write("y_data.csv", "1\n".getBytes(StandardCharsets.US_ASCII));
        refused(f, "decompressed bytes", () -> AcousticPairs.load(f, y));
    }

    @Test
    void manyEmptyOrTinyLinesCannotExhaustMemory() throws Exception {
        Path f = dir.resolve("tiny.csv.gz");
        try (OutputStream z = new GZIPOutputStream(Files.newOutputStream(f), 1 << 16)) {
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < chunk.length; i += 2) {
                chunk[i] = '1';
                chunk[i + 1] = '\n';
            }
            for (int i = 0; i < 20; i++) z.write(chunk); // 10 million one-number rows
        }
        refused(f, ReadBudget.MAX_BYTES_PROPERTY, () -> AcousticPairs.csv(f, -1));
    }

    @Test
    void aFileOfMoreThanTheCapIsRefusedBeforeReading() throws Exception {
        Path f = dir.resolve("huge.npy");
        try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            r.setLength(3L << 30); // sparse 3 GB
        }
        DatasetFormatException e = refused(f, "(got 3221225472 bytes)", () -> NpyReader.read(f));
        assertTrue(e.getMessage().contains(ReadBudget.MAX_BYTES_PROPERTY) && !e.getMessage().contains("Xmx"), e.getMessage());
        refused(f, "3221225472", () -> PickleReader.read(f));
    }

    @Test
    void aDirectoryOrDeviceIsRefusedNamingThePath() throws Exception {
        Path d = Files.createDirectory(dir.resolve("train-images-idx3-ubyte"));
        refused(d, "(got a directory)", () -> IdxReader.read(d));
        refused(d, "(got a directory)", () -> VowelData.load(d));
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) refused(zero, "regular file", () -> NpyReader.read(zero));
    }

    @Test
    void npyShapeOverflowAndTwoBillionElementClaimsAreRefused() throws Exception {
        Path over = write("over.npy", NpyBytes.npy("<f8", false, "4294967296, 4294967296, 4", new byte[0]));
        refused(over, "below 2^63", () -> NpyReader.read(over));
        Path u0 = write("u0.npy", NpyBytes.npy("<U0", false, "3,", new byte[0]));
        refused(u0, "dtype", () -> NpyReader.read(u0));
    }

    /** Copies the real Cora Planetoid files except those given, into a fresh folder. */
    private Path planetoidWith(String... replacedExt) throws Exception {
        Path p = Files.createDirectories(dir.resolve("planetoid"));
        List<String> skip = Arrays.asList(replacedExt);
        for (String ext : new String[] {"x", "y", "tx", "ty", "allx", "ally", "graph", "test.index"}) {
            if (!skip.contains(ext)) Files.copy(TestData.dir().resolve("planetoid/ind.cora." + ext), p.resolve("ind.cora." + ext));
        }
        return p;
    }

    @Test
    void planetoidGraphWithNodeId99999999IsRefusedNamingTheGraphFile() throws Exception {
        Path p = planetoidWith("graph");
        byte[] g = new PickleBytes().global("collections", "defaultdict").global("__builtin__", "list").op(0x85).op('R').put(0)
                .op('(').integer(0).op(']').op('(').integer(99_999_999).op('e').op('u').stop();
        Path graph = write("planetoid/ind.cora.graph", g);
        refused(graph, "a node id in [0, 2708)", () -> PlanetoidLoader.load(p, "cora"));
    }

    @Test
    void planetoidTestIndexWithId99999999IsRefusedBeforeAllocatingNodes() throws Exception {
        Path p = planetoidWith("test.index");
        List<String> ids = new ArrayList<>(Files.readAllLines(TestData.dir().resolve("planetoid/ind.cora.test.index")));
        ids.set(ids.size() - 1, "99999999");
        Path idx = Files.write(p.resolve("ind.cora.test.index"), ids);
        refused(idx, ReadBudget.MAX_BYTES_PROPERTY, () -> PlanetoidLoader.load(p, "cora"));
    }

    @Test
    void planetoid2708NodesSharingOne200000EntryListAreRefused() throws Exception {
        Path p = planetoidWith("graph");
        PickleBytes b = new PickleBytes().global("collections", "defaultdict").global("__builtin__", "list").op(0x85).op('R').put(0);
        b.op('(').integer(0).op(']').put(1).op('(');
        for (int i = 0; i < 200_000; i++) b.integer(i % 2708);
        b.op('e'); // node 0's list, then nodes 1..2707 refer to the same list through the memo
        for (int k = 1; k < 2708; k++) b.integer(k).get(1);
        Path graph = write("planetoid/ind.cora.graph", b.op('u').stop());
        refused(graph, "memo references as copies", () -> PlanetoidLoader.load(p, "cora"));
    }

    @Test
    void pickleCsrShapeWith300MillionFeaturesIsRefusedBeforeAllocation() throws Exception {
        Path f = write("ind.cora.x", new PickleBytes().csr(2, 300_000_000, new int[] {0, 1, 1}, new int[] {5}, new float[] {1}).stop());
        refused(f, "column pointer", () -> PlanetoidLoader.csr(f));
    }

    @Test
    void featureCount2Pow31Minus1IsAClearErrorNotNegativeArraySize() throws Exception {
        Path f = write("ind.cora.allx", new PickleBytes().csr(2, Integer.MAX_VALUE, new int[] {0, 1, 1}, new int[] {5}, new float[] {1}).stop());
        refused(f, "fewer than 2^31 elements", () -> PlanetoidLoader.csr(f));
        Path p = write("tiny.csr", new PickleBytes().csr(2, 7, new int[] {0, 1, 1}, new int[] {5}, new float[] {1}).stop());
        CsrParts ok = PlanetoidLoader.csr(p);
        assertEquals(7, ok.cols());
        assertEquals(5, ok.indices()[0]);
    }

    @Test
    void planetoidErrorsNameTheFileThatDisagrees() throws Exception {
        Path p = planetoidWith("ty");
        Files.copy(TestData.dir().resolve("planetoid/ind.cora.y"), p.resolve("ind.cora.ty")); // 140 rows, not 1000
        refused(p.resolve("ind.cora.ty"), "1000 rows in tx and ty (lines of test.index) (got 1000 and 140)",
                () -> PlanetoidLoader.load(p, "cora"));
    }

    @Test
    void nodeTableOfMillionsOfTinyGzipRowsIsRefusedBeforeItsRowsExhaustTheHeap() throws Exception {
        Path nodes = dir.resolve("nodes.csv.gz");
        try (OutputStream z = new GZIPOutputStream(Files.newOutputStream(nodes), 1 << 16)) {
            z.write("id,label,split,f0\n".getBytes(StandardCharsets.US_ASCII));
            byte[] row = "1,0,train,0.5\n".getBytes(StandardCharsets.US_ASCII);
            byte[] chunk = new byte[row.length * 65536];
            for (int i = 0; i < 65536; i++) System.arraycopy(row, 0, chunk, i * row.length, row.length);
            for (int i = 0; i < 150; i++) z.write(chunk); // ~10 million rows, ~2 GB of row objects if held
        }
        Path edges = write("edges.csv", "src,dst\n".getBytes(StandardCharsets.US_ASCII));
        refused(nodes, "rows held in memory within", () -> TableGraphReader.readCsv(nodes, edges, TableOptions.defaults()));
    }

    @Test
    void nodeTableWithOne700MillionCharacterLineIsRefusedWithoutBuildingIt() throws Exception {
        Path nodes = gzipFill("nodes.csv.gz", "id,label,split,f0\n".getBytes(StandardCharsets.US_ASCII), (byte) '1', 700_000_000L);
        Path edges = write("edges.csv", "src,dst\n".getBytes(StandardCharsets.US_ASCII));
        refused(nodes, "lines of at most", () -> TableGraphReader.readCsv(nodes, edges, TableOptions.defaults()));
    }

    @Test
    void edgeTableOverTheCapOrADirectoryIsRefusedBeforeReading() throws Exception {
        Path nodes = write("nodes.csv", "id,label,split,f0\n1,0,train,0.5\n".getBytes(StandardCharsets.US_ASCII));
        Path edges = dir.resolve("edges.csv");
        try (java.io.RandomAccessFile r = new java.io.RandomAccessFile(edges.toFile(), "rw")) {
            r.setLength(3L << 30); // sparse 3 GB
        }
        refused(edges, ReadBudget.MAX_BYTES_PROPERTY, () -> TableGraphReader.readCsv(nodes, edges, TableOptions.defaults()));
        Path d = Files.createDirectories(dir.resolve("edges-dir.csv"));
        refused(d, "Expected", () -> TableGraphReader.readCsv(nodes, d, TableOptions.defaults()));
    }

    // ---- cause 2: pickles that blow up ------------------------------------------------------------------

    @Test
    void pickleOf300000NestedTuplesIsRefusedWithoutStackOverflow() throws Exception {
        PickleBytes b = new PickleBytes().integer(0);
        for (int i = 0; i < 300_000; i++) b.op(0x85);
        Path f = write("nested.pkl", b.stop());
        refused(f, "nesting depth of at most " + PickleReader.MAX_DEPTH, () -> PickleReader.read(f));
        PickleBytes marks = new PickleBytes();
        for (int i = 0; i < 300_000; i++) marks.op('(');
        Path m = write("marks.pkl", marks.stop());
        refused(m, "open MARKs", () -> PickleReader.read(m));
        PickleBytes lists = new PickleBytes();
        for (int i = 0; i < 300_000; i++) lists.op(']');
        for (int i = 0; i < 300_000; i++) lists.op('a');
        Path l = write("lists.pkl", lists.stop());
        refused(l, "nesting depth", () -> PickleReader.read(l));
    }

    @Test
    void billionLaughsOf250BytesIsRefused() throws Exception {
        PickleBytes b = new PickleBytes().op('(').str("lol").put(0);
        for (int level = 1; level <= 9; level++) {
            b.op('(');
            for (int k = 0; k < 10; k++) b.get(level - 1);
            b.op('t').put(level);
        }
        byte[] bytes = b.op('t').stop(); // a well-formed pickle: one tuple of 'lol' and the nine levels
        assertTrue(bytes.length < 260, bytes.length + " bytes");
        Path f = write("laughs.pkl", bytes);
        refused(f, "memo references as copies", () -> PickleReader.read(f));
    }

    @Test
    void aPickleOfMillionsOfTinyObjectsIsRefusedBeforeTheStackExhaustsTheHeap() throws Exception {
        byte[] b = new byte[4 << 20];
        Arrays.fill(b, (byte) 'N');
        b[0] = (byte) 0x80;
        b[1] = 2;
        b[b.length - 1] = '.';
        Path f = write("nones.pkl", b);
        refused(f, "objects in one pickle", () -> PickleReader.read(f));
    }

    @Test
    void recursivePicklesAreRefused() throws Exception {
        Path self = write("self.pkl", new PickleBytes().op(']').put(0).get(0).op('a').stop());
        refused(self, "does not contain itself", () -> PickleReader.read(self));
        // a = []; b = [a]; a.append(b): a change after a was stored in b
        Path cycle = write("cycle.pkl", new PickleBytes().op(']').put(0).op(']').get(0).op('a').op('a').stop());
        refused(cycle, "no change to an object after it was stored", () -> PickleReader.read(cycle));
    }

    @Test
    void aThreeMegabyteBadValueIsShownAsAShortEscapedPrefix() throws Exception {
        String big = "\u0000\u00ff" + "x".repeat(3 << 20);
        Path f = write("big.pkl", new PickleBytes().op('}').op('(').op(']').str(big).op('u').stop());
        DatasetFormatException e = refused(f, "an int or str dict key", () -> PickleReader.read(f));
        Path g = write("big2.pkl", new PickleBytes().str(big).stop());
        e = refused(g, "a pickled csr_matrix", () -> PlanetoidLoader.csr(g));
        assertTrue(e.getMessage().contains("'\\x00\\xffxxx") && e.getMessage().contains("(3145730 chars)"), e.getMessage());
        Path npy = write("big.npy", NpyBytes.npy("<f4", false, "2,", NpyBytes.f4(1, 2)));
        byte[] h = Files.readAllBytes(npy);
        String header = "{" + "z".repeat(60_000) + "}";
        byte[] nh = NpyBytes.npy("<f4", false, "2,", NpyBytes.f4(1, 2));
        byte[] bad = new byte[10 + header.length() + 1 + 8];
        System.arraycopy(nh, 0, bad, 0, 8);
        bad[8] = (byte) ((header.length() + 1) & 0xff);
        bad[9] = (byte) ((header.length() + 1) >> 8);
        System.arraycopy(header.getBytes(StandardCharsets.US_ASCII), 0, bad, 10, header.length());
        bad[10 + header.length()] = '\n';
        Path badNpy = write("badheader.npy", bad);
        refused(badNpy, "chars)", () -> NpyReader.read(badNpy));
        assertTrue(h.length > 0);
        Path csv = write("v.csv", ("1," + "9".repeat(2 << 20) + "e,3\n").getBytes(StandardCharsets.US_ASCII));
        refused(csv, "a finite number", () -> AcousticPairs.csv(csv, 3));
    }

    // ---- cause 3: silent acceptance and wrong refusals ---------------------------------------------------

    @Test
    void vowdataCutInHalfIsRefusedNamingTheMissingVowels() throws Exception {
        byte[] all = Files.readAllBytes(TestData.dir().resolve("hillenbrand-vowels/vowdata.dat"));
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int cut = text.indexOf('\n', text.length() / 2) + 1;
        Path half = write("vowdata.dat", text.substring(0, cut).getBytes(StandardCharsets.ISO_8859_1));
        refused(half, "missing: vowels [", () -> VowelData.load(half));
        // one token removed: the talker and the vowel are named
        String[] lines = text.split("\n", -1);
        StringBuilder one = new StringBuilder();
        for (String l : lines) if (!l.startsWith("w07iy")) one.append(l).append('\n');
        Path minus = write("vowdata-minus-one.dat", one.toString().getBytes(StandardCharsets.ISO_8859_1));
        refused(minus, "w07 lacks [iy]", () -> VowelData.load(minus));
        // a token twice
        Path twice = write("vowdata-twice.dat", (text + lines[40] + "\n").getBytes(StandardCharsets.ISO_8859_1));
        refused(twice, "each token once", () -> VowelData.load(twice));
        assertEquals(1668, VowelData.load(TestData.dir().resolve("hillenbrand-vowels/vowdata.dat")).tokens().size());
    }

    @Test
    void acousticCsvWith19ColumnsIsRefused() throws Exception {
        StringBuilder x = new StringBuilder();
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            x.append("0.1,".repeat(18)).append("0.1\n"); // 19 columns
            y.append("0.2,".repeat(19)).append("0.2\n"); // 20 columns
        }
        Path xf = write("x_data.csv", x.toString().getBytes(StandardCharsets.US_ASCII));
        Path yf = write("y_data.csv", y.toString().getBytes(StandardCharsets.US_ASCII));
        refused(xf, "(line 1): Expected 20 columns (got 19)", () -> AcousticPairs.load(xf, yf));
        Path x20 = write("x20.csv", y.toString().getBytes(StandardCharsets.US_ASCII));
        Path y21 = write("y21.csv", y.toString().replace("\n", ",1\n").getBytes(StandardCharsets.US_ASCII));
        refused(y21, "20 columns (got 21)", () -> AcousticPairs.load(x20, y21));
        assertEquals(3, AcousticPairs.load(x20, x20).size());
    }

    @Test
    void multiMemberGzipIdxIsAccepted() throws Exception {
        byte[] data = new byte[5000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
        byte[] head = idxHeader(50, 10, 10);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        whole.write(head);
        whole.write(data);
        byte[] raw = whole.toByteArray();
        ByteArrayOutputStream multi = new ByteArrayOutputStream();
        multi.write(gzip(Arrays.copyOfRange(raw, 0, 1234)));
        multi.write(gzip(Arrays.copyOfRange(raw, 1234, 4000)));
        multi.write(gzip(Arrays.copyOfRange(raw, 4000, raw.length)));
        Path f = write("multi-idx3-ubyte.gz", multi.toByteArray());
        IdxReader.Idx idx = IdxReader.read(f);
        assertArrayEquals(new int[] {50, 10, 10}, idx.dims());
        assertArrayEquals(data, idx.data());
        assertEquals(50, ImageSamples.images(f).numRows);
    }

    @Test
    void idxWithZeroDimensionIsValidEmptyNotColsAreNegative() throws Exception {
        Path f = write("zero-idx3-ubyte", idxHeader(0, 65536, 32768));
        IdxReader.Idx idx = IdxReader.read(f);
        assertEquals(0, idx.data().length);
        assertArrayEquals(new int[] {0, 65536, 32768}, idx.dims());
        DatasetFormatException e = refused(f, "image size rows x cols below 2^31", () -> ImageSamples.images(f));
        assertTrue(!e.getMessage().contains("negative"), e.getMessage());
        Path z = write("zero-idx3-ubyte.gz", gzip(idxHeader(0, 28, 28)));
        assertEquals(0, ImageSamples.images(z).numRows);
        assertEquals(784, ImageSamples.images(z).numCols);
        Path trailing = write("trailing-idx1-ubyte.gz", gzip(new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3}));
        refused(trailing, "more bytes", () -> IdxReader.read(trailing));
    }

    @Test
    void utf8BomInCoraContentIsAcceptedNotBlamedOnCoraCites() throws Exception {
        String content = "31336\t1\t0\tNeural\n1061127\t0\t1\tTheory\n";
        String cites = "31336\t1061127\n";
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Path bom = Files.createDirectories(dir.resolve("bom"));
        Files.writeString(plain.resolve("cora.content"), content);
        Files.writeString(plain.resolve("cora.cites"), cites);
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[b.length + 3];
        withBom[0] = (byte) 0xef;
        withBom[1] = (byte) 0xbb;
        withBom[2] = (byte) 0xbf;
        System.arraycopy(b, 0, withBom, 3, b.length);
        Files.write(bom.resolve("cora.content"), withBom);
        Files.write(bom.resolve("cora.cites"), ("\ufeff" + cites).getBytes(StandardCharsets.UTF_8));
        Graph g0 = LinqsLoader.load(plain.resolve("cora.content"), plain.resolve("cora.cites"), "c");
        Graph g1 = LinqsLoader.load(bom.resolve("cora.content"), bom.resolve("cora.cites"), "c");
        assertEquals(g0.numNodes(), g1.numNodes());
        assertEquals(g0.adjacency().nz_length, g1.adjacency().nz_length);
        assertArrayEquals(g0.labels(), g1.labels());
        // a content id that no cites line can match is reported on cites together with the content's ids
        Path odd = Files.createDirectories(dir.resolve("odd"));
        Files.writeString(odd.resolve("cora.content"), content.replace("31336", "31336 "));
        Files.writeString(odd.resolve("cora.cites"), cites);
        refused(odd.resolve("cora.cites"), "cora.content (its 2 ids run from '31336 ' to '1061127')",
                () -> LinqsLoader.load(odd.resolve("cora.content"), odd.resolve("cora.cites"), "c"));
    }
}
