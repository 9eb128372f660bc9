package org.forwardlearn.core.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resumable checkpoints of a {@link LayerwiseTrainer} run: where, how often, and what the run is (its fingerprint).
 * The trainer writes a {@link TrainingState} to {@code file} every {@code everyBatches} batches, at every epoch end,
 * after every finished layer and when cancelled; with {@code resume} and an existing file, it continues from it
 * (mid-layer, at batch granularity). A checkpoint whose fingerprint differs from this run's in any entry (the
 * caller's full configuration and data hash, plus the trainer's own configuration) is refused with each difference
 * named.
 *
 * @param file         the checkpoint file (written atomically)
 * @param everyBatches save after every this many batches within an epoch (&gt;= 1)
 * @param fingerprint  what the run is: configuration, data sizes and hash, devices... (flat strings)
 * @param resume       continue from {@code file} when it exists
 */
public record TrainingCheckpoint(Path file, int everyBatches, Map<String, String> fingerprint, boolean resume) {
    public TrainingCheckpoint {
        if (file == null) throw new IllegalArgumentException("Expected a checkpoint file (got null)");
        if (everyBatches < 1) throw new IllegalArgumentException("Expected checkpoint every >= 1 batches (got " + everyBatches + ")");
        fingerprint = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fingerprint));
    }
}
