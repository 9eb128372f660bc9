package org.forwardlearn.core.model;

import org.forwardlearn.core.listen.TrainingListener;

/**
 * The one training shape: a trainer is built once from an immutable, typed configuration (no data location or
 * name inside it), and {@link #fit} takes the data and returns the trained {@link Model}. Trainers are stateless
 * apart from their configuration: {@code fit} may be called again, on other data.
 * <pre>{@code
 * FfMlpModel model = new FfMlpTrainer(FfMlpConfig.defaults()).fit(TrainingData.of(train).withValidation(val), listener);
 * }</pre>
 * A run is cancelled through its listener ({@link TrainingListener#stopRequested()}, e.g. a
 * {@link org.forwardlearn.core.listen.CancellationToken}) or by interrupting the training thread: {@code fit} then
 * throws {@link org.forwardlearn.core.listen.TrainingCancelledException} at the next batch boundary.
 *
 * @param <D> the training data (e.g. {@link org.forwardlearn.core.data.TrainingData})
 * @param <M> the model type
 */
public interface Trainer<D, M extends Model<?>> {
    /** Trains on {@code data}, reporting progress to {@code listener} (null = none). */
    M fit(D data, TrainingListener listener);

    /** Trains without a listener. */
    default M fit(D data) {
        return fit(data, TrainingListener.NONE);
    }
}
