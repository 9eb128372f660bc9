package org.forwardlearn.datasets.download;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.forwardlearn.datasets.DatasetFormatException;
import org.forwardlearn.datasets.MissingDatasetFileException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Fetches the files of a catalogued dataset into a data directory: from the canonical HTTPS URL, or from a
 * mirror (a local folder or {@code file:} URL laid out like the data directory) that replaces the network.
 * Every file is written to a temporary file next to its target, its SHA-256 verified, then moved into place
 * atomically; on any failure the temporary file is deleted, so no partial file is left behind. Files that are
 * already present with the right checksum are skipped.
 */
public final class Downloader {
    private static final Logger LOG = LogManager.getLogger(Downloader.class);

    private Downloader() {
    }

    /**
     * @param mirror null for the network, else a folder path or {@code file:} URL
     * @return the local paths of all files of the dataset
     * @throws MissingDatasetFileException if a file cannot be fetched (the message says what to download
     *         and where to put it)
     * @throws DatasetFormatException on a checksum or size mismatch (names the file and both hashes)
     */
    public static List<Path> download(String name, Path dataDir, String mirror, DownloadListener listener) {
        DatasetEntry e = Catalogue.get(name);
        DownloadListener l = listener == null ? DownloadListener.NONE : listener;
        List<Path> out = new ArrayList<>();
        for (DataFile f : e.files()) out.add(fetch(f, dataDir, mirror, l));
        return out;
    }

    /** SHA-256 of a file as lower-case hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read " + file, ex);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Path fetch(DataFile f, Path dataDir, String mirror, DownloadListener l) {
        Path target = dataDir.resolve(f.path());
        if (Files.isRegularFile(target) && valid(f, target)) {
            l.onDone(f, target, true);
            return target;
        }
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            String actual = copy(f, mirror, tmp, target, l);
            if (f.sha256() != null && !f.sha256().equalsIgnoreCase(actual)) {
                throw DatasetFormatException.of(f.path(), "SHA-256 " + f.sha256(), "SHA-256 " + actual
                        + "; the download was deleted");
            }
            if (f.sha256() == null) LOG.warn("{}: no published SHA-256; downloaded file has {}", f.path(), actual);
            if (f.size() >= 0 && Files.size(tmp) != f.size()) {
                throw DatasetFormatException.of(f.path(), f.size() + " bytes", Files.size(tmp) + " bytes");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            l.onDone(f, target, false);
            return target;
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not write " + target, ex);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    LOG.warn("Could not delete {}", tmp);
                }
            }
        }
    }

    private static boolean valid(DataFile f, Path p) {
        try {
            if (f.size() >= 0 && Files.size(p) != f.size()) return false;
            return f.sha256() == null || f.sha256().equalsIgnoreCase(sha256(p));
        } catch (IOException ex) {
            return false;
        }
    }

    /** Copies from the mirror or the URL into tmp, returning the SHA-256 of the bytes. */
    private static String copy(DataFile f, String mirror, Path tmp, Path target, DownloadListener l) throws IOException {
        InputStream in;
        long total;
        String from;
        if (mirror != null) {
            Path root = mirror.startsWith("file:") ? Paths.get(URI.create(mirror)) : Paths.get(mirror);
            Path src = root.resolve(f.path());
            from = src.toString();
            if (!Files.isRegularFile(src)) {
                throw new MissingDatasetFileException(target, f.url(), "The mirror has no " + src);
            }
            total = Files.size(src);
            in = Files.newInputStream(src);
        } else {
            from = f.url();
            try {
                HttpURLConnection c = (HttpURLConnection) new URL(f.url()).openConnection();
                c.setConnectTimeout(15_000);
                c.setReadTimeout(60_000);
                c.setInstanceFollowRedirects(true);
                if (c.getResponseCode() != 200) {
                    throw new IOException("HTTP " + c.getResponseCode());
                }
                total = c.getContentLengthLong();
                in = c.getInputStream();
            } catch (IOException ex) {
                throw new MissingDatasetFileException(target, f.url(), "Downloading failed (" + ex
                        + "); with no network, fetch the file elsewhere (SHA-256 " + f.sha256() + ") or pass a mirror");
            }
        }
        l.onStart(f, total);
        LOG.info("Fetching {} from {}", f.path(), from);
        try (InputStream src = in; OutputStream out = Files.newOutputStream(tmp)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            long done = 0;
            for (int n = src.read(buf); n > 0; n = src.read(buf)) {
                out.write(buf, 0, n);
                md.update(buf, 0, n);
                done += n;
                l.onProgress(f, done, total);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
