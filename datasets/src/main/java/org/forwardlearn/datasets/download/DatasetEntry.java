package org.forwardlearn.datasets.download;

import java.util.List;

/**
 * A catalogued dataset.
 *
 * @param name the dataset name used by {@code Datasets.load*} and the CLI
 * @param kind graph, sample set or generated
 * @param description one line
 * @param files the files it needs (empty for generated datasets)
 * @param citation what to cite
 * @param licence the licence of the files
 */
public record DatasetEntry(String name, Kind kind, String description, List<DataFile> files, String citation,
                           String licence) {

    /** What a dataset loads as. */
    public enum Kind { GRAPH, SAMPLES, GENERATED_GRAPH, PAIRS }

    public DatasetEntry {
        files = List.copyOf(files);
    }

    /** The file whose path ends with {@code suffix}. */
    public DataFile file(String suffix) {
        for (DataFile f : files) if (f.path().endsWith(suffix)) return f;
        throw new IllegalArgumentException(name + ": Expected a file ending in " + suffix + " (got " + files + ")");
    }
}
