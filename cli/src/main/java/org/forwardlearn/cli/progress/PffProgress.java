package org.forwardlearn.cli.progress;

import java.util.Locale;
import org.forwardlearn.cli.Console;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerReport;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.train.TrainingResult;

/**
 * Progress of a PFF run (core's {@link TrainingListener}; all blocks train on every batch): a bar over batches on a
 * terminal, a plain line every few seconds otherwise; every epoch is also handed to a {@link MetricsRecorder}
 * (layer -1 = all blocks).
 */
public final class PffProgress implements TrainingListener {
    private final Console console;
    private final Console.ProgressMode mode;
    private final MetricsRecorder recorder;
    private final double plainInterval;
    private int epochs = 1, batches = 1;
    private double best = Double.NaN, lastVal = Double.NaN, lastLoss = Double.NaN;
    private final long t0 = System.nanoTime();
    private double lastDraw = Double.NEGATIVE_INFINITY;
    private int epochsDone;
    private int bestEpoch = -1;
    private final java.util.List<EpochStats> history = new java.util.ArrayList<>();

    public PffProgress(Console console, MetricsRecorder recorder) {
        this(console, recorder, 10.0);
    }

    public PffProgress(Console console, MetricsRecorder recorder, double plainIntervalSeconds) {
        this.console = console;
        this.mode = console.effectiveProgressMode();
        this.recorder = recorder;
        this.plainInterval = plainIntervalSeconds;
    }

    private double now() { return (System.nanoTime() - t0) / 1e9; }

    private boolean announced;

    @Override
    public void onLayerStart(int layer, int maxEpochs) {
        this.epochs = Math.max(1, maxEpochs);
    }

    @Override
    public void onBatchEnd(int epoch, int batch, int batchesPerEpoch, double loss) {
        this.batches = Math.max(1, batchesPerEpoch);
        if (!announced && mode == Console.ProgressMode.PLAIN) {
            console.status("PFF: " + epochs + " epochs x " + batchesPerEpoch + " batches (all blocks per batch)");
        }
        announced = true;
        lastLoss = loss;
        double t = now();
        if (mode == Console.ProgressMode.BAR && t - lastDraw >= 0.1) {
            lastDraw = t;
            console.redraw(line(epoch, batch + 1, t), Console.width() - 1);
        } else if (mode == Console.ProgressMode.PLAIN && t - lastDraw >= plainInterval) {
            if (lastDraw == Double.NEGATIVE_INFINITY) { lastDraw = t; return; }
            lastDraw = t;
            console.status(line(epoch, batch + 1, t));
        }
    }

    @Override
    public void onEpochEnd(EpochStats stats) {
        int epoch = stats.epoch();
        double loss = stats.loss(), valAccuracy = stats.metric(), elapsedSeconds = stats.elapsedSeconds();
        lastLoss = loss;
        epochsDone = epoch + 1;
        if (!Double.isNaN(valAccuracy)) {
            lastVal = valAccuracy;
            if (Double.isNaN(best) || valAccuracy > best) { best = valAccuracy; bestEpoch = epoch; }
        }
        EpochStats s = new EpochStats(-1, epoch, epochs, loss, valAccuracy, best, elapsedSeconds);
        history.add(s);
        if (recorder != null) recorder.onEpochEnd(s);
        if (mode == Console.ProgressMode.BAR) console.redraw(line(epoch, batches, now()), Console.width() - 1);
        else if (mode == Console.ProgressMode.PLAIN && (now() - lastDraw >= plainInterval || epoch + 1 >= epochs)) {
            lastDraw = now();
            console.status(String.format(Locale.ROOT, "epoch %d/%d loss %.4f val_acc %s elapsed %s",
                epoch + 1, epochs, loss, Format.metric(valAccuracy), Format.clock(elapsedSeconds)));
        }
    }

    @Override
    public void onRunEnd(TrainingResult result) {
        double elapsedSeconds = result.totalSeconds();
        if (recorder != null) recorder.onLayerEnd(new LayerReport(-1, epochsDone, bestEpoch, best, elapsedSeconds, false, history));
        if (mode != Console.ProgressMode.NONE) {
            console.endLine();
            console.status(String.format(Locale.ROOT, "PFF: %d epochs, last val_acc %s, %s", epochsDone, Format.metric(lastVal),
                    Format.duration(elapsedSeconds)));
        }
    }

    String line(int epoch, int batchDone, double t) {
        double frac = Math.min(1, (epoch * (double) batches + batchDone) / ((double) epochs * batches));
        int w = 24, filled = (int) Math.round(frac * w);
        double eta = frac > 0 ? t / frac * (1 - frac) : Double.NaN;
        return String.format(Locale.ROOT, "epoch %d/%d [%s] batch %d/%d loss %.4f val_acc %s %s ETA %s", epoch + 1, epochs,
                "#".repeat(filled) + ".".repeat(w - filled), batchDone, batches, lastLoss, Format.metric(lastVal), Format.clock(t), Format.clock(eta));
    }
}
