package org.forwardlearn.cli.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Atomic text writes (temporary sibling, then move). */
public final class TextFiles {
    private TextFiles() {}

    public static void write(Path file, String text) throws IOException {
        Atomic.write(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
