package org.forwardlearn.datasets.download;

import java.nio.file.Path;

/** Progress callbacks of the {@link Downloader}; all methods have empty defaults. */
public interface DownloadListener {
    /** A file is about to be fetched; {@code totalBytes} is -1 if unknown. */
    default void onStart(DataFile file, long totalBytes) {
    }

    /** {@code bytes} of {@code totalBytes} (-1 if unknown) have arrived. */
    default void onProgress(DataFile file, long bytes, long totalBytes) {
    }

    /** The file is verified and in place (or was already present and valid: {@code skipped}). */
    default void onDone(DataFile file, Path target, boolean skipped) {
    }

    /** A listener that ignores everything. */
    DownloadListener NONE = new DownloadListener() {
    };
}
