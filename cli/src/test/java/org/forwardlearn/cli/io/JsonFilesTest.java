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

    @org.junit.jupiter.api.Test
    void configValuesKeepTheirTypesLosslessly() {
        java.util.Map<String, String> cfg = new java.util.LinkedHashMap<>();
        cfg.put("layers", "2");
        cfg.put("lr", "0.001");
        cfg.put("weight_decay", "5.0E-4");
        cfg.put("seed", "7146057691288625177");
        cfg.put("bidirectional", "true");
        cfg.put("hidden", "[1000, 1000]");
        cfg.put("dataset", "citationfull-cora_ml");
        cfg.put("vowel_protocol", "talker/talker");
        cfg.put("padded", "007");
        cfg.put("nan", "NaN");
        cfg.put("words", "[a, b]");
        cfg.put("empty", "");
        java.util.Map<String, Object> t = JsonFiles.typed(cfg);
        org.junit.jupiter.api.Assertions.assertEquals(2L, t.get("layers"));
        org.junit.jupiter.api.Assertions.assertEquals(0.001, t.get("lr"));
        org.junit.jupiter.api.Assertions.assertEquals(5.0e-4, t.get("weight_decay"));
        org.junit.jupiter.api.Assertions.assertEquals(7146057691288625177L, t.get("seed"));
        org.junit.jupiter.api.Assertions.assertEquals(Boolean.TRUE, t.get("bidirectional"));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(1000L, 1000L), t.get("hidden"));
        for (String k : new String[] {"dataset", "vowel_protocol", "padded", "nan", "words", "empty"}) {
            org.junit.jupiter.api.Assertions.assertEquals(cfg.get(k), t.get(k), k + " stays a string");
        }
        // lossless: the typed value's text is the original
        for (String k : cfg.keySet()) {
            Object v = t.get(k);
            String back = v instanceof java.util.List<?> l ? l.toString() : String.valueOf(v);
            org.junit.jupiter.api.Assertions.assertEquals(cfg.get(k), back, k);
        }
        String json = JsonFiles.toJson(t);
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"lr\" : 0.001") && json.contains("\"bidirectional\" : true")
                && json.contains("\"hidden\" : [ 1000, 1000 ]") && json.contains("\"padded\" : \"007\""), json);
    }
}
