package org.forwardlearn.datasets.graph;

/**
 * What a loader found in the source edge list and what it did about it, so that self-loops and duplicate
 * edges are reported rather than silently dropped.
 *
 * @param entriesRead directed edge entries read from the source (including duplicates and self-loops)
 * @param selfLoopsRead entries with source == target
 * @param duplicatesRead entries that repeat an earlier (source, target) pair; they are merged into one edge
 * @param symmetrised whether the reverse of every edge was added
 * @param selfLoopsRemoved whether self-loops were removed from the adjacency
 */
public record EdgeReport(long entriesRead, long selfLoopsRead, long duplicatesRead, boolean symmetrised,
                         boolean selfLoopsRemoved) {

    /** A report for a graph built directly from a matrix (nothing read, nothing changed). */
    public static EdgeReport none() {
        return new EdgeReport(0, 0, 0, false, false);
    }
}
