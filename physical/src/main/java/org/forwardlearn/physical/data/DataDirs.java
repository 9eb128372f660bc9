package org.forwardlearn.physical.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves the shared datasets directory. */
public final class DataDirs {
    private DataDirs() {}

    /** The explicit directory if not null, else -Dforwardlearn.data, else $FORWARDLEARN_DATA. */
    public static Path resolve(Path explicit) {
        Path p = explicit;
        if (p == null) {
            String s = System.getProperty("forwardlearn.data");
            if (s == null || s.isBlank()) s = System.getenv("FORWARDLEARN_DATA");
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("Expected a data directory (got none: pass one, or set -Dforwardlearn.data"
                        + " or FORWARDLEARN_DATA)");
            }
            p = Path.of(s);
        }
        if (!Files.isDirectory(p)) throw new IllegalArgumentException("Expected a data directory (got " + p + ")");
        return p;
    }

    /** A sub-folder that must exist. */
    public static Path folder(Path explicit, String name) {
        Path f = resolve(explicit).resolve(name);
        if (!Files.isDirectory(f)) throw new IllegalArgumentException("Expected dataset folder " + f + " (got nothing there)");
        return f;
    }
}
