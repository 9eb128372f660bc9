package org.forwardlearn.datasets.table;

import java.util.List;
import org.forwardlearn.datasets.DatasetFormatException;

/**
 * The validation rules of user graph tables and their messages, shared by the local reader ({@link TableGraphReader})
 * and the Spark job's validator: each rule gives "Expected X (got Y)"; {@link Violation#at} names file and line/row.
 */
public final class TableRules {
    private TableRules() {}

    /** A broken rule: what was expected and what was found. */
    public record Violation(String expected, String got) {
        /** The exception naming the file and the position (line or row); position -1 = the whole file. */
        public DatasetFormatException at(String file, String kind, long position) {
            return new DatasetFormatException(file, position, kind, expected, got);
        }

        @Override
        public String toString() { return "Expected " + expected + " (got " + got + ")"; }
    }

    public static Violation missingColumn(String table, String column, List<String> columns) {
        return new Violation("column '" + column + "' in " + table, "columns " + columns);
    }

    public static Violation wrongType(String table, String column, String expected, String got) {
        return new Violation(table + "." + column + " of " + expected, got);
    }

    public static Violation missingValue(String column) {
        return new Violation("a value in column '" + column + "'", "an empty cell");
    }

    public static Violation badLabel(String got) {
        return new Violation("an integer label >= -1 or empty", "'" + got + "'");
    }

    public static Violation badNumber(String column, String got) {
        return new Violation("a finite number in column '" + column + "'", "'" + got + "'");
    }

    public static Violation badId(String column, String got) {
        return new Violation("an integer or string " + column, "'" + got + "'");
    }

    public static Violation duplicateId(String id, String firstSeen) {
        return new Violation("unique node ids", "id '" + id + "' again, first at " + firstSeen);
    }

    public static Violation unknownEndpoint(String end, String id, String nodesFile) {
        return new Violation("edge " + end + " among the node ids of " + nodesFile, "'" + id + "'");
    }

    public static Violation badSplit(String got) {
        return new Violation("split value in " + TableLayout.SPLITS, "'" + got + "'");
    }

    public static Violation unlabelledTraining(String id) {
        return new Violation("a label >= 0 on every training node", "node '" + id + "' without one");
    }

    public static Violation noFeatures(List<String> columns) {
        return new Violation("at least one numeric feature column in nodes besides id, label, split", "columns " + columns);
    }

    public static Violation noNodes() {
        return new Violation("at least one node", "an empty node table");
    }

    public static Violation tooFewClasses(int maxLabel) {
        return new Violation("labels of at least two classes", maxLabel < 0 ? "no labelled node" : "max label " + maxLabel);
    }

    public static Violation noTrainingNode() {
        return new Violation("at least one node with split 'train'", "none");
    }
}
