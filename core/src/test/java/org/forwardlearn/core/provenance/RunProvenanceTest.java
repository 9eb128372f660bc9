package org.forwardlearn.core.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunProvenanceTest {
    @Test
    void stringsRoundTrip() {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("lr", "0.001");
        cfg.put("hidden", "[1000, 1000]");
        cfg.put("a.b", "x=y");
        RunProvenance p = new RunProvenance("ff-mlp", cfg, -42L, "fashion-mnist", "ab".repeat(32), "1.2.3", "17.0.9",
                "netlib:VectorBLAS", Instant.parse("2025-01-02T03:04:05.123456789Z"), Instant.parse("2025-01-02T03:14:05Z"));
        Map<String, String> s = p.toStrings();
        assertEquals(p, RunProvenance.fromStrings(s));
        assertEquals("0.001", s.get("config.lr"));
        // extra keys (other checkpoint metadata) are ignored
        Map<String, String> withExtra = new LinkedHashMap<>(s);
        withExtra.put("model", "ff-mlp");
        assertEquals(p, RunProvenance.fromStrings(withExtra));
    }

    @Test
    void startedRunHasNoEndUntilFinished() {
        RunProvenance p = RunProvenance.start("t", Map.of("k", "v"), 5, "d", null, "ejml");
        assertNull(p.end());
        assertEquals("", p.datasetSha256());
        assertEquals(System.getProperty("java.version"), p.javaVersion());
        assertEquals(p, RunProvenance.fromStrings(p.toStrings()));
        RunProvenance f = p.finished();
        assertNotNull(f.end());
        assertTrue(!f.end().isBefore(f.start()));
        assertEquals(f, RunProvenance.fromStrings(f.toStrings()));
        Map<String, Object> m = f.toMap();
        assertEquals(5L, m.get("seed"));
        assertEquals("ejml", m.get("backend"));
    }

    @Test
    void frameworkVersionIsTheProjectVersionNotDev() {
        // From the jar manifest when packaged, else from the filtered version.properties (class-folder runs).
        String v = RunProvenance.frameworkVersion();
        assertTrue(v.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), v);
        assertEquals(v, RunProvenance.start("t", Map.of(), 1, "d", null, "ejml").version());
    }
}
