package org.forwardlearn.core.data;

import java.util.Map;
import java.util.Optional;

/**
 * What a trainer of labelled samples fits: the training samples, optional validation samples (early stopping and
 * the per-epoch metric; absent: every epoch runs and the last weights are kept), and the data's identity for the
 * model's provenance.
 *
 * @param train         training samples
 * @param validation    validation samples with the same features and classes, or empty
 * @param datasetId     dataset name for the provenance ("" when unnamed)
 * @param datasetSha256 SHA-256 of the dataset files ("" when unknown or generated)
 */
public record TrainingData(Samples train, Optional<Samples> validation, String datasetId, String datasetSha256) {
    public TrainingData {
        if (train == null) throw new IllegalArgumentException("Expected training samples (got null)");
        validation = validation == null ? Optional.empty() : validation;
        datasetId = datasetId == null ? "" : datasetId;
        datasetSha256 = datasetSha256 == null ? "" : datasetSha256;
        validation.ifPresent(v -> {
            if (v.features() != train.features() || v.classes() != train.classes()) {
                throw new IllegalArgumentException("Expected validation samples with " + train.features() + " features and "
                        + train.classes() + " classes (got " + v.features() + " and " + v.classes() + ")");
            }
        });
    }

    /** Training samples only. */
    public static TrainingData of(Samples train) { return new TrainingData(train, Optional.empty(), "", ""); }

    public TrainingData withValidation(Samples v) { return new TrainingData(train, Optional.of(v), datasetId, datasetSha256); }

    /** The dataset's identity for the provenance. */
    public TrainingData withDataset(String id, String sha256) { return new TrainingData(train, validation, id, sha256); }

    /** A short description for provenance maps. */
    public Map<String, String> describe() {
        return Map.of("train_rows", Integer.toString(train.size()), "validation_rows",
                Integer.toString(validation.map(Samples::size).orElse(0)), "features", Integer.toString(train.features()),
                "classes", Integer.toString(train.classes()));
    }
}
