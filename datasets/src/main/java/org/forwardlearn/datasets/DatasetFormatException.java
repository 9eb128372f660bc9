package org.forwardlearn.datasets;

/**
 * A dataset file does not have the structure its format promises: wrong magic number, truncated data,
 * an index out of range, an unsupported dtype or pickle opcode, a missing zip entry, and so on.
 *
 * <p>The message always names the file and, where it makes sense, the byte offset (or line) and reads
 * "Expected X (got Y)".
 */
public class DatasetFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long position;

    /**
     * @param file the file (or file!entry) being read
     * @param position byte offset or line number described by {@code where}, or -1 if not applicable
     * @param where what {@code position} counts, e.g. "byte" or "line"
     * @param expected what the format requires
     * @param got what was found
     */
    public DatasetFormatException(String file, long position, String where, String expected, String got) {
        super(file + (position >= 0 ? " (" + where + " " + position + ")" : "")
                + ": Expected " + expected + " (got " + got + ")");
        this.file = file;
        this.position = position;
    }

    /** An error at a byte offset. */
    public static DatasetFormatException atByte(Object file, long offset, String expected, String got) {
        return new DatasetFormatException(String.valueOf(file), offset, "byte", expected, got);
    }

    /** An error on a (1-based) line of a text file. */
    public static DatasetFormatException atLine(Object file, long line, String expected, String got) {
        return new DatasetFormatException(String.valueOf(file), line, "line", expected, got);
    }

    /** An error that concerns the whole file (no position). */
    public static DatasetFormatException of(Object file, String expected, String got) {
        return new DatasetFormatException(String.valueOf(file), -1, "", expected, got);
    }

    /** Same as {@link #of} but keeps the low-level cause (e.g. a ZipException). */
    public static DatasetFormatException of(Object file, String expected, String got, Throwable cause) {
        DatasetFormatException e = of(file, expected, got);
        e.initCause(cause);
        return e;
    }

    /** The file (or {@code file!entry}) that was being read. */
    public String file() {
        return file;
    }

    /** Byte offset or line number of the problem, or -1. */
    public long position() {
        return position;
    }
}
