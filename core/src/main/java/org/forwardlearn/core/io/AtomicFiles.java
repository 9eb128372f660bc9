package org.forwardlearn.core.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one way every module writes a file: into a temporary sibling (created in the target's folder, which is made
 * if missing), then an atomic move over the target (a plain replacing move where the file system has no atomic
 * move). A failure leaves the target as it was and never leaves the temporary file behind. The temporary file gets
 * the usual rw-r--r-- permissions on POSIX file systems (temp files are created owner-only).
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the temporary file's content. */
    @FunctionalInterface
    public interface Body {
        /** @param tmp the temporary sibling to write (it exists, empty) */
        void write(Path tmp) throws IOException;
    }

    /** Replaces {@code file} with what {@code body} writes to a temporary sibling. */
    public static void replace(Path file, Body body) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // non-POSIX file system: keep its defaults
            }
            body.write(tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
