package org.forwardlearn.physical.pff;

import java.util.List;
import org.forwardlearn.physical.PhysicalSystem;

/**
 * A trained PFF network with its training costs. Inference needs the (live) physical systems.
 *
 * @param network      the trained blocks
 * @param readout      the linear readout, or null when not trained
 * @param history      per epoch {epoch, loss, valAccuracy (NaN if none), elapsedSeconds}
 * @param queries      device queries (measure calls) during training, validation and readout fitting
 * @param samples      device samples (rows) measured during training
 * @param macs         digital multiply-adds during training (forward and backward)
 * @param trainSeconds wall time of training
 */
public record PffModel(PffNetwork network, LinearReadout readout, List<double[]> history, long queries, long samples,
                       long macs, double trainSeconds) {
    /**
     * Test accuracy by goodness (C device passes per sample); the meter counts the inference cost. Samples are
     * scored in chunks of the training batch size, so that the label-embedding value (the batch max of |x|) has
     * the same statistics as in training.
     */
    public double accuracy(double[][] x, int[] y, List<? extends PhysicalSystem> systems, Meter meter) {
        return PffNetwork.accuracy(network.predict(x, systems, meter, network.config().batchSize()), y);
    }

    /** Test accuracy with the linear readout (one device pass per sample). */
    public double readoutAccuracy(double[][] x, int[] y, List<? extends PhysicalSystem> systems, Meter meter) {
        if (readout == null) throw new IllegalStateException("Expected a model trained with readout=true (got none)");
        return PffNetwork.accuracy(readout.predict(network.readoutFeatures(x, systems, meter, 256)), y);
    }
}
