package org.forwardlearn.core.train;

import java.util.List;
import org.forwardlearn.core.provenance.RunProvenance;

/** The immutable outcome of {@link LayerwiseTrainer#fit}: per-layer reports and the run's provenance. */
public record TrainingResult(List<LayerReport> layers, RunProvenance provenance) {
    public TrainingResult {
        layers = List.copyOf(layers);
    }

    public double totalSeconds() {
        double s = 0;
        for (LayerReport r : layers) s += r.seconds();
        return s;
    }
}
