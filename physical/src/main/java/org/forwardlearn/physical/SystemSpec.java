package org.forwardlearn.physical;

/**
 * What a device declares about itself.
 *
 * @param deviceId   stable identity of this device instance (a restarted device may report another)
 * @param version    firmware / model version string
 * @param inputSize  input dimension
 * @param outputSize output dimension
 * @param domain     admissible input values
 * @param maxBatch   largest batch one measure call accepts (&gt;= 1)
 */
public record SystemSpec(String deviceId, String version, int inputSize, int outputSize, InputDomain domain, int maxBatch) {
    public SystemSpec {
        if (inputSize <= 0 || outputSize <= 0) {
            throw new IllegalArgumentException("Expected positive dimensions (got in=" + inputSize + ", out=" + outputSize + ")");
        }
        if (maxBatch < 1) throw new IllegalArgumentException("Expected maxBatch >= 1 (got " + maxBatch + ")");
        if (domain == null) throw new IllegalArgumentException("Expected an input domain (got null)");
    }
}
