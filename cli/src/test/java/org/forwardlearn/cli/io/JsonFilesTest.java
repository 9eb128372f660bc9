package org.forwardlearn.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {
    @TempDir Path tmp;

    @Test
    void writesValidJsonWithNonFiniteNumbersAsNull() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("test_accuracy", 0.9);
        m.put("val_accuracy", Double.NaN);
        m.put("curve", new double[] {1, Double.POSITIVE_INFINITY});
        m.put("nested", Map.of("x", Double.NaN));
        Path f = tmp.resolve("a/b/result.json");
        JsonFiles.write(f, m);
        Map<String, Object> back = JsonFiles.read(f);
        assertEquals(0.9, back.get("test_accuracy"));
        assertTrue(back.containsKey("val_accuracy"));
        assertNull(back.get("val_accuracy"));
        assertEquals(List.of(1.0), ((List<?>) back.get("curve")).subList(0, 1));
        assertNull(((List<?>) back.get("curve")).get(1));
        assertTrue(Files.readString(f).endsWith("}\n"));
    }

    @Test
    void writesAtomicallyLeavingNoTemporaryFilesAndReadablePermissions() throws Exception {
        Path f = tmp.resolve("result.json");
        Files.writeString(f, "old");
        JsonFiles.write(f, Map.of("k", 1));
        assertEquals(1, JsonFiles.read(f).get("k"));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(f), s.toList(), "only the target remains");
        }
        var perms = Files.getPosixFilePermissions(f);
        assertTrue(perms.contains(PosixFilePermission.OTHERS_READ), perms.toString());
    }

    @Test
    void failedWriteKeepsThePreviousFile() throws Exception {
        Path f = tmp.resolve("result.json");
        JsonFiles.write(f, Map.of("k", 1));
        Object unserialisable = new Object() {
            @SuppressWarnings("unused") public Object getSelf() { return this; }
        };
        try {
            JsonFiles.write(f, Map.of("bad", unserialisable));
        } catch (RuntimeException | java.io.IOException expected) {
            // self-reference cannot be serialised
        }
        assertEquals(1, JsonFiles.read(f).get("k"));
    }

    @Test
    void csvQuotesAndLeavesNanEmpty() {
        String t = new CsvFile("a", "b", "c").row("x,y", Double.NaN, "q\"q").text();
        assertEquals("a,b,c\n\"x,y\",,\"q\"\"q\"\n", t);
    }
}
