package org.forwardlearn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import org.ejml.data.DMatrixRMaj;
import org.forwardlearn.core.ff.FfMlpModel;
import org.forwardlearn.core.ff.LabelEmbedding;
import org.forwardlearn.core.layer.Activation;
import org.forwardlearn.core.layer.DenseLayer;
import org.forwardlearn.core.layer.Init;
import org.forwardlearn.core.objective.SquaredGoodness;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and careless checkpoint files (issue 15, cause 4, and the non-finite weight of cause 3): each is
 * refused within 5 s, in the 256 MB heap of the {@code hostile-256m} surefire execution, by a
 * {@link CheckpointFormatException} whose one-line message names the file and reads "Expected X (got Y)".
 */
@Tag("hostile")
class CheckpointHostileTest {
    @TempDir Path dir;

    private static CheckpointFormatException refused(Path file, String fragment, Executable load) {
        CheckpointFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(CheckpointFormatException.class, load));
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()), "names the file: " + m);
        assertTrue(m.contains("Expected"), "says what was expected: " + m);
        assertTrue(m.contains(fragment), "mentions '" + fragment + "': " + m);
        assertTrue(m.length() < 600 && !m.contains("\n"), "one short line: " + m.length() + " chars");
        return e;
    }

    private static FfMlpModel model() {
        Random r = new Random(1);
        DenseLayer a = new DenseLayer(6, 5, Activation.RELU, Init.TORCH_DEFAULT, r);
        DenseLayer b = new DenseLayer(5, 4, Activation.RELU, Init.TORCH_DEFAULT, r);
        return new FfMlpModel(List.of(a, b), new LabelEmbedding(3, 1.0), SquaredGoodness.sum(), false, null);
    }

    /** A checkpoint of the model whose metadata entry {@code key} is replaced by {@code value} (CRC valid). */
    private Path ffWith(String name, String key, String value) throws IOException {
        Checkpoint c = model().toCheckpoint(null);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        if (value == null) meta.remove(key); else meta.put(key, value);
        Path f = dir.resolve(name);
        new Checkpoint(meta, c.completedLayers(), c.totalLayers(), c.layers()).save(f);
        return f;
    }

    @Test
    void validFfCheckpointStillLoadsExactly() throws IOException {
        Path f = dir.resolve("ok.flck");
        FfMlpModel m = model();
        m.toCheckpoint(null).save(f);
        FfMlpModel back = FfMlpModel.load(f);
        assertEquals(3, back.numClasses());
        DMatrixRMaj x = new DMatrixRMaj(2, 6, true, 0.1, 0.2, 0.3, -1, 0, 1, 2, 3, 4, 5, 6, 7);
        assertTrue(java.util.Arrays.deepEquals(m.scores(x), back.scores(x)), "same scores after the round trip");
    }

    @Test
    void ffCheckpointWithNonNumericClassCountGivesClearErrorNotNumberFormatException() throws IOException {
        Path f = ffWith("classes.flck", "classes", "three");
        refused(f, "'classes' to be an integer in [2, 6] (got 'three')", () -> FfMlpModel.load(f));
    }

    @Test
    void ffCheckpointWithOutOfRangeOrMissingTypedFieldsIsRefused() throws IOException {
        Path one = ffWith("one.flck", "classes", "1");
        refused(one, "(got '1')", () -> FfMlpModel.load(one));
        Path noLabel = ffWith("nolabel.flck", "label_value", null);
        refused(noLabel, "'label_value'", () -> FfMlpModel.load(noLabel));
        Path goodness = ffWith("goodness.flck", "goodness", "cubes");
        refused(goodness, "(got 'cubes')", () -> FfMlpModel.load(goodness));
        Path skip = ffWith("skip.flck", "skip_first_layer", "yes");
        refused(skip, "true or false (got 'yes')", () -> FfMlpModel.load(skip));
        Path scale = ffWith("scale.flck", "input_scale", "-2");
        refused(scale, "'input_scale'", () -> FfMlpModel.load(scale));
        Path model = ffWith("model.flck", "model", "gnn");
        refused(model, "ff-mlp", () -> FfMlpModel.load(model));
    }

    @Test
    void ffCheckpointWithLayersThatDoNotChainIsRefused() throws IOException {
        Checkpoint c = model().toCheckpoint(null);
        Path f = dir.resolve("chain.flck");
        new Checkpoint(c.metadata(), 2, 2, List.of(c.layers().get(1), c.layers().get(0))).save(f);
        refused(f, "previous layer's outputs", () -> FfMlpModel.load(f));
    }

    @Test
    void aMegabyteBadValueIsShownAsAShortEscapedPrefix() throws IOException {
        Path f = ffWith("long.flck", "classes", "9".repeat(3 << 20) + "\u0000\n");
        CheckpointFormatException e = refused(f, "... (", () -> FfMlpModel.load(f));
        assertTrue(e.getMessage().contains("3145730 chars"), e.getMessage());
    }

    /** A valid checkpoint whose first weight is then set to {@code v}, with the CRC recomputed. */
    private Path withWeight(String name, double v) throws IOException {
        Path f = dir.resolve(name);
        model().toCheckpoint(null).save(f);
        byte[] b = Files.readAllBytes(f);
        byte[] tag = "weight".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = -1;
        for (int i = 0; i + tag.length <= b.length && at < 0; i++) {
            if (java.util.Arrays.equals(b, i, i + tag.length, tag, 0, tag.length)) at = i + tag.length + 8;
        }
        ByteBuffer.wrap(b, at, 8).putDouble(v);
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 8);
        ByteBuffer.wrap(b, b.length - 8, 8).putLong(crc.getValue());
        Files.write(f, b);
        return f;
    }

    @Test
    void nanWeightInModelFlckIsRefusedAtLoad() throws IOException {
        Path nan = withWeight("nan.flck", Double.NaN);
        refused(nan, "finite weights", () -> Checkpoint.load(nan));
        refused(nan, "holds NaN at index 0", () -> FfMlpModel.load(nan));
        Path inf = withWeight("inf.flck", Double.POSITIVE_INFINITY);
        refused(inf, "Infinity", () -> Checkpoint.load(inf));
    }

    @Test
    void nonFiniteWeightsAreNotSaved() {
        DMatrixRMaj w = new DMatrixRMaj(1, 2, true, 1.0, Double.NaN);
        Checkpoint c = new Checkpoint(Map.of(), 1, 1, List.of(new LayerRecord("d", Map.of(), List.of(new LayerRecord.NamedMatrix("w", w)))));
        Path f = dir.resolve("never.flck");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.save(f));
        assertTrue(e.getMessage().contains("Expected finite values in matrix 'w'"), e.getMessage());
        assertTrue(!Files.exists(f), "nothing written");
    }

    @Test
    void directoryIsRefusedWithItsPath() throws IOException {
        Path d = Files.createDirectory(dir.resolve("model.flck"));
        refused(d, "(got a directory)", () -> Checkpoint.load(d));
        refused(d, "(got a directory)", () -> FfMlpModel.load(d));
    }

    @Test
    void emptyAndTruncatedFilesNameTheFileNotABareEof() throws IOException {
        Path empty = Files.write(dir.resolve("empty.flck"), new byte[0]);
        refused(empty, "(got 0 bytes)", () -> Checkpoint.load(empty));
        Path good = dir.resolve("good.flck");
        model().toCheckpoint(null).save(good);
        byte[] b = Files.readAllBytes(good);
        Path half = Files.write(dir.resolve("half.flck"), java.util.Arrays.copyOf(b, b.length / 2));
        refused(half, "truncated", () -> FfMlpModel.load(half));
        Path missing = dir.resolve("missing.flck");
        refused(missing, "no such file", () -> Checkpoint.load(missing));
    }

    @Test
    void threeGigabyteModelFlckIsRefusedBeforeReading() throws IOException {
        Path big = dir.resolve("big.flck");
        try (RandomAccessFile r = new RandomAccessFile(big.toFile(), "rw")) {
            r.write(new byte[] {'F', 'L', 'C', 'K'});
            r.setLength(3L << 30); // sparse: no disk space used
        }
        refused(big, ReadBudget.MAX_BYTES_PROPERTY, () -> Checkpoint.load(big));
        refused(big, "(got 3221225472 bytes)", () -> FfMlpModel.load(big));
    }

    @Test
    void aDeviceOrPipeIsRefusedWithoutReadingForever() {
        Path zero = Path.of("/dev/zero");
        if (!Files.exists(zero)) return;
        refused(zero, "regular file", () -> Checkpoint.load(zero));
    }

    @Test
    void theCapIsConfigurableAndNamedInTheError() throws IOException {
        Path f = dir.resolve("small.flck");
        model().toCheckpoint(null).save(f);
        String old = System.getProperty(ReadBudget.MAX_BYTES_PROPERTY);
        try {
            System.setProperty(ReadBudget.MAX_BYTES_PROPERTY, "100");
            refused(f, "at most 100 bytes, the read budget of 100 bytes (-D" + ReadBudget.MAX_BYTES_PROPERTY, () -> Checkpoint.load(f));
            System.setProperty(ReadBudget.MAX_BYTES_PROPERTY, "1m");
            assertEquals(1 << 20, ReadBudget.maxBytes());
            assertEquals(3, FfMlpModel.load(f).numClasses());
        } finally {
            if (old == null) System.clearProperty(ReadBudget.MAX_BYTES_PROPERTY); else System.setProperty(ReadBudget.MAX_BYTES_PROPERTY, old);
        }
    }

    @Test
    void thisSuiteRunsInA256MegabyteHeap() {
        assertTrue(Runtime.getRuntime().maxMemory() <= 256L << 20, "run by the hostile-256m surefire execution (-Xmx256m), got max heap "
                + Runtime.getRuntime().maxMemory());
    }

    @Test
    void millionsOfTinyEntriesAreRefusedBeforeTheirObjectsExhaustTheHeap() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
        out.write(new byte[] {'F', 'L', 'C', 'K'});
        out.writeInt(1);
        out.writeInt(200_000);
        for (int i = 0; i < 200_000; i++) { out.writeInt(0); out.writeInt(0); } // 200k empty key/value pairs
        out.writeInt(0); out.writeInt(0); out.writeInt(0);
        out.flush();
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        Path f = dir.resolve("tiny.flck");
        Files.write(f, java.nio.ByteBuffer.allocate(body.length + 8).put(body).putLong(crc.getValue()).array());
        String old = System.getProperty(ReadBudget.MAX_BYTES_PROPERTY);
        try {
            System.setProperty(ReadBudget.MAX_BYTES_PROPERTY, "4m");
            refused(f, "200000 metadata entries", () -> Checkpoint.load(f));
        } finally {
            if (old == null) System.clearProperty(ReadBudget.MAX_BYTES_PROPERTY); else System.setProperty(ReadBudget.MAX_BYTES_PROPERTY, old);
        }
    }

    @Test
    void defaultCapIsWellUnderTheHeap() {
        assertTrue(ReadBudget.maxBytes() <= Runtime.getRuntime().maxMemory() / 4 + 1, "cap " + ReadBudget.maxBytes());
        assertTrue(ReadBudget.maxBytes() <= 1L << 30);
    }

    @Test
    void dimensionProductsThatOverflowOrExceedTheCapAreRefused() {
        ReadBudget.Refusal<IllegalStateException> r = (e, g) -> new IllegalStateException("Expected " + e + " (got " + g + ")");
        assertEquals(0, ReadBudget.checkProduct("x", 8, r, 0, 65536, 32768), "a zero dimension is an empty array");
        assertTrue(assertThrows(IllegalStateException.class, () -> ReadBudget.checkProduct("x", 8, r, 1L << 40, 1L << 40))
                .getMessage().contains("below 2^63"));
        assertTrue(assertThrows(IllegalStateException.class, () -> ReadBudget.checkProduct("x", 4, r, Integer.MAX_VALUE + 1L))
                .getMessage().contains("fewer than 2^31"));
        assertTrue(assertThrows(IllegalStateException.class, () -> ReadBudget.checkProduct("x", 8, r, 1 << 30))
                .getMessage().contains(ReadBudget.MAX_BYTES_PROPERTY));
        assertTrue(assertThrows(IllegalStateException.class, () -> ReadBudget.checkProduct("x", 8, r, -1, 3))
                .getMessage().contains(">= 0"));
    }
}
