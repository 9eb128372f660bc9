package org.forwardlearn.physical.hil;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the Python package's own tests ({@code python3 -m unittest discover} in {@code python/}) as part of
 * {@code mvn verify}, with this module's test class path in {@code FORWARDLEARN_TEST_CLASSPATH} so that
 * the tests against the Java {@code DeviceServer} (TestServerMain) run too. Skipped only without python3.
 */
@Timeout(300)
class PythonSuiteTest {
    @Test
    void thePythonPackagesTestsPassIncludingThoseAgainstTheJavaServer() throws IOException, InterruptedException {
        PythonDevice.assumePython();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Path.of("target", "python-unittest.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = PythonDevice.python(List.of("-m", "unittest", "discover", "-s", "tests", "-t", ".", "-v"))
                .directory(PythonDevice.sourceDir().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("FORWARDLEARN_TEST_CLASSPATH", cp);
        Process p = pb.start();
        boolean done = p.waitFor(240, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done, "Expected the Python tests to finish within 240 s (got a timeout): " + tail(out));
        assertEquals(0, p.exitValue(), "python3 -m unittest failed:\n" + tail(out));
        assertFalse(out.contains("skipped 'FORWARDLEARN_TEST_CLASSPATH"), "the Java-server tests ran:\n" + tail(out));
        assertTrue(out.matches("(?s).*Ran (\\d{2,}) tests.*"), tail(out));
    }

    private static String tail(String s) { return s.length() > 4000 ? s.substring(s.length() - 4000) : s; }
}
