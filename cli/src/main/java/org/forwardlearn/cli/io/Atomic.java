package org.forwardlearn.cli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.forwardlearn.core.io.Checkpoint;

/**
 * Atomic writes for CLI outputs: core's {@link Checkpoint#writeAtomically} (temporary sibling, fsync, move),
 * then the usual rw-r--r-- permissions (the temporary file is created owner-only).
 */
public final class Atomic {
    private Atomic() {}

    public static void write(Path file, byte[] data) throws IOException {
        Checkpoint.writeAtomically(file, data);
        readable(file);
    }

    /** Gives a written output file rw-r--r-- on POSIX file systems (a no-op elsewhere). */
    public static void readable(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not POSIX, or not ours to change: keep what we have
        }
    }
}
