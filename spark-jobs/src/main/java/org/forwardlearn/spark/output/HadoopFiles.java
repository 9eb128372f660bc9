package org.forwardlearn.spark.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.forwardlearn.core.io.Checkpoint;

/** Small whole-file reads and atomic writes on any Hadoop-compatible path (file:, hdfs:, s3a: ...). */
public final class HadoopFiles {
    private HadoopFiles() {}

    private static FileSystem fs(Configuration conf, org.apache.hadoop.fs.Path p) throws IOException { return p.getFileSystem(conf); }

    public static boolean exists(Configuration conf, String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            return fs(conf, p).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes to a temporary sibling, then renames it over the target. */
    public static void write(Configuration conf, String path, byte[] data) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            org.apache.hadoop.fs.Path tmp = new org.apache.hadoop.fs.Path(p.getParent(), "." + p.getName() + ".tmp");
            FileSystem fs = fs(conf, p);
            try (OutputStream out = fs.create(tmp, true)) { out.write(data); }
            if (fs.exists(p)) fs.delete(p, false);
            if (!fs.rename(tmp, p)) throw new IOException("Expected to rename " + tmp + " to " + p + " (got false)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(Configuration conf, String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            try (InputStream in = fs(conf, p).open(p)) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                return b.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves a directory into place (deleting what was there): used for materialised layer states. */
    public static void replaceDir(Configuration conf, String from, String to) {
        try {
            org.apache.hadoop.fs.Path f = new org.apache.hadoop.fs.Path(from), t = new org.apache.hadoop.fs.Path(to);
            FileSystem fs = fs(conf, t);
            if (fs.exists(t)) fs.delete(t, true);
            if (!fs.rename(f, t)) throw new IOException("Expected to rename " + f + " to " + t + " (got false)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves a core checkpoint to a Hadoop path (via a local temporary file, then an atomic put). */
    public static void saveCheckpoint(Configuration conf, Checkpoint c, String path) {
        try {
            Path tmp = Files.createTempFile("forwardlearn-", ".flck");
            try {
                c.save(tmp);
                write(conf, path, Files.readAllBytes(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Checkpoint loadCheckpoint(Configuration conf, String path) {
        try {
            Path tmp = Files.createTempFile("forwardlearn-", ".flck");
            try {
                Files.write(tmp, read(conf, path));
                return Checkpoint.load(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
