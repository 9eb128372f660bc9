package org.forwardlearn.cli.progress;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.forwardlearn.cli.io.CsvFile;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerReport;

/** Records every epoch of every layer (for metrics.csv and the report's curves). */
public final class MetricsRecorder implements TrainingListener {
    private final List<EpochStats> epochs = new ArrayList<>();
    private final List<LayerReport> layers = new ArrayList<>();

    @Override
    public synchronized void onEpochEnd(EpochStats s) { epochs.add(s); }

    @Override
    public synchronized void onLayerEnd(LayerReport r) { layers.add(r); }

    public synchronized List<EpochStats> epochs() { return List.copyOf(epochs); }

    public synchronized List<LayerReport> layers() { return List.copyOf(layers); }

    /** Epoch statistics grouped by layer index, in layer order. */
    public synchronized TreeMap<Integer, List<EpochStats>> byLayer() {
        TreeMap<Integer, List<EpochStats>> m = new TreeMap<>();
        for (EpochStats s : epochs) m.computeIfAbsent(s.layer(), k -> new ArrayList<>()).add(s);
        return m;
    }

    /** metrics.csv: layer (1-based), epoch (1-based), loss, val metric (empty when not validated), best, elapsed. */
    public CsvFile toCsv(String metricName) {
        CsvFile csv = new CsvFile("layer", "epoch", "loss", "val_" + metricName, "best_val_" + metricName, "elapsed_seconds");
        for (EpochStats s : epochs()) {
            csv.row(s.layer() + 1, s.epoch() + 1, s.loss(), s.metric(), s.bestMetric(), s.elapsedSeconds());
        }
        return csv;
    }

    public void writeCsv(Path file, String metricName) throws IOException {
        toCsv(metricName).write(file);
    }
}
