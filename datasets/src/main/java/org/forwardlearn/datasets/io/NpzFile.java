package org.forwardlearn.datasets.io;

import org.forwardlearn.core.io.ReadBudget;
import org.forwardlearn.datasets.DatasetFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A NumPy {@code .npz} archive: a zip (stored or deflated) of {@code <key>.npy} entries, read lazily by key.
 * Entry sizes come from the zip central directory and are checked ({@link Budget}) against the compressed
 * size (inflation ratio), the cap and the file length before any allocation; the entry stream is bounded by
 * the declared size.
 */
public final class NpzFile implements AutoCloseable {
    private final Path path;
    private final ZipFile zip;
    private final long fileLength;

    private NpzFile(Path path, ZipFile zip, long fileLength) {
        this.path = path;
        this.zip = zip;
        this.fileLength = fileLength;
    }

    /** Opens the archive; a file that is not a zip gives a {@link DatasetFormatException}. */
    public static NpzFile open(Path path) {
        try {
            long len = Budget.fileLength(path);
            if (len == 0) throw DatasetFormatException.of(path, "a zip archive (.npz)", "an empty file");
            return new NpzFile(path, new ZipFile(path.toFile()), len);
        } catch (ZipException e) {
            throw DatasetFormatException.of(path, "a zip archive (.npz)", "unreadable zip: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open " + path, e);
        }
    }

    public Path path() {
        return path;
    }

    /** The array keys (entry names without {@code .npy}), in archive order. */
    public List<String> keys() {
        List<String> k = new ArrayList<>();
        for (ZipEntry e : Collections.list(zip.entries())) {
            String n = e.getName();
            k.add(n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n);
        }
        return k;
    }

    public boolean has(String key) {
        return zip.getEntry(key + ".npy") != null;
    }

    /** Reads the array {@code key}; a missing entry gives a {@link DatasetFormatException} listing the keys. */
    public NpyArray get(String key) {
        ZipEntry e = zip.getEntry(key + ".npy");
        String source = path + "!" + key + ".npy";
        if (e == null) {
            throw DatasetFormatException.of(path, "zip entry '" + key + ".npy'", "entries " + keys());
        }
        long size = e.getSize();
        long csize = e.getCompressedSize();
        if (e.getMethod() == ZipEntry.STORED) {
            if (size < 0 || size > fileLength) {
                throw DatasetFormatException.of(source, "a stored entry size in [0, " + fileLength + "] (the archive's length)",
                        Long.toString(size));
            }
        } else {
            if (size < 0) throw DatasetFormatException.of(source, "a declared entry size", "none (streamed zip entry)");
            ReadBudget.checkInflated(size, Math.max(csize, 0), Budget.refusal(source));
        }
        ReadBudget.checkBytes(size, "an entry of", Budget.refusal(source));
        try (InputStream in = ReadBudget.limited(zip.getInputStream(e), size,
                () -> DatasetFormatException.of(source, size + " bytes (the declared entry size)", "more"))) {
            return NpyReader.read(source, in, size);
        } catch (ZipException ex) {
            throw DatasetFormatException.of(source, "a readable zip entry", ex.getMessage(), ex);
        } catch (java.io.EOFException ex) {
            throw DatasetFormatException.of(source, size + " bytes", "end of data (truncated)", ex);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + source, ex);
        }
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
