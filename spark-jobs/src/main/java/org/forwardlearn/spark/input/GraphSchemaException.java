package org.forwardlearn.spark.input;

/** A graph input that does not have the expected schema or content; the message reads "Expected X (got Y)". */
public final class GraphSchemaException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public GraphSchemaException(String message) { super(message); }
}
