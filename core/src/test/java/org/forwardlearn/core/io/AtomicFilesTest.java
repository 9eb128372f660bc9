package org.forwardlearn.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheFileAndLeavesNoTemporaryBehind(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/out.txt");
        AtomicFiles.replace(f, tmp -> Files.writeString(tmp, "one"));
        AtomicFiles.replace(f, tmp -> Files.writeString(tmp, "two"));
        assertEquals("two", Files.readString(f));
        assertEquals(List.of("out.txt"), names(f.getParent()));
    }

    @Test
    void aFailingBodyKeepsTheOldFileAndRemovesTheTemporary(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("out.txt");
        Files.writeString(f, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.replace(f, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("out.txt"), names(dir));
    }
}
