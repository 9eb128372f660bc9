package org.forwardlearn.datasets.table;

import java.util.List;

/**
 * A table as read from a file, before validation: column names, a declared type per column, and cells.
 * CSV cells are {@link Type#TEXT} (typed by the validator); Parquet columns carry their physical type.
 */
public interface TableSource {
    /** The declared type of a column. */
    enum Type {
        /** Untyped text (CSV): the validator parses numbers. */
        TEXT,
        /** An integer column (Parquet INT32/INT64). */
        INTEGER,
        /** A floating-point column (Parquet FLOAT/DOUBLE). */
        REAL,
        /** A string column (Parquet BINARY/UTF8). */
        STRING,
        /** Anything else (nested, boolean ...). */
        OTHER;

        /** Lower-case name for messages. */
        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** The file (for messages). */
    String file();

    /** "line" (CSV, 1-based including the header) or "row" (Parquet, 1-based). */
    String positionKind();

    List<String> columns();

    Type type(int column);

    int rows();

    /** Position of data row r (0-based) as {@link #positionKind()} counts it. */
    long position(int row);

    /** The cell: a String (TEXT, STRING), Long (INTEGER), Double (REAL), or null when missing or empty. */
    Object cell(int row, int column);
}
