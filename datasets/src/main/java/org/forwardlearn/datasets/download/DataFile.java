package org.forwardlearn.datasets.download;

/**
 * One file of a catalogued dataset.
 *
 * @param path path relative to the data directory (e.g. {@code planetoid/ind.cora.x}); the same layout as
 *             the shared datasets folder
 * @param url canonical HTTPS download URL
 * @param sha256 expected SHA-256 (lower-case hex), or null where no full checksum is published
 * @param size expected size in bytes, or -1 if unknown
 */
public record DataFile(String path, String url, String sha256, long size) {
}
