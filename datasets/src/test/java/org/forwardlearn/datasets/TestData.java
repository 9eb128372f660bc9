package org.forwardlearn.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.jupiter.api.Assertions.fail;

/** Locates the shared datasets folder for tests (system property forwardlearn.data or env FORWARDLEARN_DATA). */
public final class TestData {
    private TestData() {
    }

    public static Path dir() {
        String p = System.getProperty(Datasets.DATA_PROPERTY);
        if (p == null || p.isBlank()) p = System.getenv(Datasets.DATA_ENV);
        if (p == null || p.isBlank()) {
            fail("Expected the shared datasets folder via -Dforwardlearn.data=DIR or FORWARDLEARN_DATA (got neither)");
        }
        Path d = Paths.get(p).toAbsolutePath().normalize();
        if (!Files.isDirectory(d.resolve("planetoid"))) {
            fail("Expected the shared datasets folder with planetoid/ at " + d + " (got no such directory)");
        }
        return d;
    }
}
