package org.forwardlearn.core.model;

import java.io.IOException;
import java.nio.file.Path;
import org.forwardlearn.core.io.Checkpoint;
import org.forwardlearn.core.provenance.RunProvenance;

/**
 * A trained model, as every {@link Trainer} returns it (after Tribuo's {@code Trainer.train -> Model} and MLlib's
 * {@code Estimator.fit -> Model}): it carries the provenance of the run that made it, predicts, and saves itself in
 * core's one checkpoint format ({@link Checkpoint}: atomic write, CRC-32, every field validated on load).
 * <p>
 * Loading is a static factory of each model type, {@code XModel.load(Path)}, written as
 * {@code Checkpoint.load(file, XModel::fromCheckpoint)}, so that every error names the file.
 *
 * @param <I> what the model predicts from (a feature matrix, a graph and its nodes, samples and live devices, ...)
 */
public interface Model<I> {
    /** How this model was made: task, full configuration, seed, data id and hash, versions, times. */
    RunProvenance provenance();

    /** One predicted class per input row (sample or node). */
    int[] predict(I input);

    /** The model (and its provenance) as a checkpoint. */
    Checkpoint toCheckpoint();

    /** Writes {@link #toCheckpoint()} atomically to {@code file}. */
    default void save(Path file) throws IOException {
        toCheckpoint().save(file);
    }
}
