package org.forwardlearn.datasets.io;

import org.forwardlearn.core.io.ReadBudget;
import org.forwardlearn.datasets.DatasetFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The datasets' side of core's {@link ReadBudget}: the same rules, with refusals as
 * {@link DatasetFormatException} naming the file. Every reader in this package opens files and sizes its
 * allocations through here (one place, not one fix per reader).
 */
public final class Budget {
    private Budget() {
    }

    /** Refusals of {@link ReadBudget} as DatasetFormatExceptions about {@code file}. */
    public static ReadBudget.Refusal<DatasetFormatException> refusal(Object file) {
        return (expected, got) -> DatasetFormatException.of(file, expected, got);
    }

    /** The length of a regular file within the cap (directories, devices, pipes and oversize files refused). */
    public static long fileLength(Path file) {
        return ReadBudget.regularFile(file, refusal(file));
    }

    /** dims product x elementBytes, refused on a negative dimension, overflow or above the cap. */
    public static long product(Object file, String what, long elementBytes, long... dims) {
        return ReadBudget.checkProduct(what, elementBytes, refusal(file), dims);
    }

    /**
     * Opens {@code file} for reading, decompressing gzip (by magic number, all members) with the inflation
     * bounded by ratio and cap; a plain file is bounded by its length.
     */
    public static InputStream open(Path file) throws IOException {
        long len = fileLength(file);
        InputStream raw = Files.newInputStream(file);
        try {
            if (len >= 2 && ReadBudget.isGzip(file)) {
                long limit = ReadBudget.inflationLimit(len);
                return ReadBudget.gunzip(raw, len, () -> DatasetFormatException.of(file, "at most " + limit
                        + " decompressed bytes (" + ReadBudget.maxInflateRatio() + " x the " + len + " compressed bytes, -D"
                        + ReadBudget.MAX_RATIO_PROPERTY + ", or " + ReadBudget.capName() + ")", "more"));
            }
            if (file.toString().endsWith(".gz")) {
                throw DatasetFormatException.of(file, "a gzip file (magic 1f 8b)", len < 2 ? len + " bytes" : "other bytes");
            }
            return ReadBudget.limited(raw, len, () -> DatasetFormatException.of(file, len + " bytes (the file's length)",
                    "more: the file grew while being read"));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** All bytes of {@code file} (decompressed if gzip), within the budget. */
    public static byte[] readAll(Path file) {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw DatasetFormatException.of(file, "a complete gzip stream", String.valueOf(e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    /** A running total of what a reader allocated from one file, refused once above the cap. */
    public static final class Tally {
        private final Object file;
        private final String what;
        private long bytes;

        public Tally(Object file, String what) {
            this.file = file;
            this.what = what;
        }

        /** Adds {@code n} bytes; throws a DatasetFormatException once the total exceeds the cap. */
        public void add(long n) {
            bytes += n;
            if (bytes > ReadBudget.maxBytes()) {
                throw DatasetFormatException.of(file, what + " within " + ReadBudget.capName(), "over " + bytes + " bytes");
            }
        }
    }
}
