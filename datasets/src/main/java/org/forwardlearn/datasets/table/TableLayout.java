package org.forwardlearn.datasets.table;

import java.util.List;
import java.util.Locale;

/**
 * The user-graph table layout. {@code nodes}: a column {@code id} (any integer or string, unique), optional
 * {@code label} (integer class 0..C-1; -1 or empty = unlabelled), optional {@code split} ({@link #SPLITS}; when the
 * column is absent a seeded random split is made and stated), and every other column a numeric feature (CSV: one
 * column per feature; Parquet: the same, all numeric). {@code edges}: columns {@code src} and {@code dst} naming node
 * ids; other columns are ignored.
 */
public final class TableLayout {
    public static final String ID = "id", LABEL = "label", SPLIT = "split", SRC = "src", DST = "dst";
    /** The split values, in the order of their codes ({@link #splitCode}). */
    public static final List<String> SPLITS = List.of("train", "val", "test", "other");
    public static final int TRAIN = 0, VAL = 1, TEST = 2, OTHER = 3;

    private TableLayout() {}

    /** 0..3 for train|val|test|other (trimmed, case-insensitive), -1 for anything else. */
    public static int splitCode(String s) {
        return s == null ? -1 : SPLITS.indexOf(s.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether {@code column} is one of the reserved node columns (id, label, split). */
    public static boolean reserved(String column) {
        return column.equals(ID) || column.equals(LABEL) || column.equals(SPLIT);
    }
}
