package org.forwardlearn.forwardgnn;

import java.util.Locale;

/** What a GNN is trained for. {@link #toString()} is the lower-case id used on the command line and in result files. */
public enum Task {
    /** Node classification (accuracy). */
    NODE,
    /** Link prediction (ROC-AUC, AP). */
    LINK;

    /** "node" or "link". */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** The result metric: "accuracy" (node) or "auc" (link). */
    public String metric() { return this == NODE ? "accuracy" : "auc"; }

    /** The method a config of this task starts with: sf (node) or fl-ce (link). */
    public String defaultMethod() { return this == NODE ? "sf" : "fl-ce"; }

    @Override public String toString() { return id(); }

    /** The task of an id ("Expected task node|link (got ...)" otherwise). */
    public static Task parse(String id) {
        for (Task t : values()) if (t.id().equals(id)) return t;
        throw new IllegalArgumentException("Expected task node|link (got '" + id + "')");
    }
}
