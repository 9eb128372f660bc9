package org.forwardlearn.cli;

import java.nio.file.Path;

/** The default data folder: system property {@code forwardlearn.data}, else $FORWARDLEARN_DATA, else ~/.forwardlearn/data. */
public final class DataDirs {
    private DataDirs() {}

    public static Path defaultDataDir() {
        String p = System.getProperty("forwardlearn.data");
        if (p != null && !p.isBlank()) return Path.of(p);
        String env = System.getenv("FORWARDLEARN_DATA");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".forwardlearn", "data");
    }
}
