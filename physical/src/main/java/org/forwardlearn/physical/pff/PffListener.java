package org.forwardlearn.physical.pff;

/** Progress of a PFF run (library code never prints; a CLI implements this). All methods default to no-ops. */
public interface PffListener {
    PffListener NONE = new PffListener() {};

    /** Called once before training, with the number of batches per epoch. */
    default void onRunStart(int epochs, int batchesPerEpoch) {}

    /** Called after each block-update round (one batch through every block). */
    default void onBatchEnd(int epoch, int batch, double loss) {}

    /** Called after each epoch: mean loss (summed over blocks), validation accuracy (NaN if none), seconds since start. */
    default void onEpochEnd(int epoch, double loss, double valAccuracy, double elapsedSeconds) {}

    /** Called after a checkpoint was written. */
    default void onCheckpoint(int epoch, int batch, java.nio.file.Path path) {}

    /** Called once at the end. */
    default void onRunEnd(double elapsedSeconds) {}
}
