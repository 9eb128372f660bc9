package org.forwardlearn.datasets;

import java.nio.file.Path;

/**
 * A file a dataset needs is not in the data directory. The message says which file, where to put it and
 * where to download it.
 */
public class MissingDatasetFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path path;
    private final String url;

    public MissingDatasetFileException(Path path, String url, String hint) {
        super("Missing dataset file " + path + ". Expected the file to exist (got no such file). Download it from "
                + url + " and put it at " + path + (hint == null || hint.isEmpty() ? "" : ". " + hint));
        this.path = path;
        this.url = url;
    }

    /** Where the file was expected. */
    public Path path() {
        return path;
    }

    /** Where it can be downloaded. */
    public String url() {
        return url;
    }
}
