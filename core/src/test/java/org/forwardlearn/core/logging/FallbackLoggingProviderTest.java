package org.forwardlearn.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;

/**
 * An embedding program with only core and log4j-api on its class path (no logging implementation)
 * starts without Log4j's "could not find a logging provider" error and still sees WARN messages.
 */
class FallbackLoggingProviderTest {

    /** The embedding program: logs one INFO and one WARN line. */
    public static final class Embedder {
        public static void main(String[] args) {
            LogManager.getLogger("embedder").info("info-line");
            LogManager.getLogger("embedder").warn("warn-line");
        }
    }

    @Test
    void noProviderErrorWithoutLoggingImplementation() throws Exception {
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(e).getFileName() == null ? "" : Path.of(e).getFileName().toString();
            boolean api = name.startsWith("log4j-api-");
            boolean ours = e.endsWith("classes") || e.endsWith("test-classes");
            if (api || ours) cp.add(e);
        }
        assertTrue(cp.stream().anyMatch(e -> Path.of(e).getFileName().toString().startsWith("log4j-api-")), cp.toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, cp), Embedder.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "embedder finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertFalse(out.contains("could not find a logging provider"), out);
        assertTrue(out.contains("warn-line"), out);
        assertFalse(out.contains("info-line"), out);
    }

    @Test
    void realProviderWinsOverFallback() {
        // log4j-core is on the test class path (priority 10): it must be chosen, not our priority-1 fallback.
        String factory = LogManager.getFactory().getClass().getName();
        assertTrue(factory.startsWith("org.apache.logging.log4j.core"), factory);
    }
}
