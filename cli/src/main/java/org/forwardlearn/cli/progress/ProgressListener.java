package org.forwardlearn.cli.progress;

import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.forwardlearn.cli.Console;
import org.forwardlearn.core.listen.TrainingListener;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerReport;

/**
 * Shows training progress on stderr: on a terminal a progress bar per layer, redrawn in place
 * (epoch, loss, validation metric, elapsed, ETA); otherwise a plain line every few seconds and one
 * per finished layer. Never prints to stdout (that is for the result table).
 * <p>
 * Early stopping: given the trainer's patience (in epochs, {@link #patience(int)}), every line shows the epoch of
 * the best validation metric and the epochs since it against the patience ({@code best@95 patience 25/100}); the
 * bar and the ETA run to the epoch where the layer stops unless it improves again
 * (best epoch + patience, at most the maximum), so they move on when the validation metric stalls instead of
 * freezing at a fraction of the maximum, and jump back when it improves.
 */
public final class ProgressListener implements TrainingListener {
    private final Console console;
    private final Console.ProgressMode mode;
    private final String metricName;
    private String prefix = "";
    private final double plainIntervalSeconds;
    private final DoubleSupplier clock;
    private int numLayers = -1;
    private double lastDraw = Double.NEGATIVE_INFINITY;
    private double lastMetric = Double.NaN;
    private int patience;
    private int bestEpoch = -1;
    private double best = Double.NaN;

    public ProgressListener(Console console, String metricName) {
        this(console, metricName, 10.0, () -> System.nanoTime() / 1e9);
    }

    /** @param plainIntervalSeconds seconds between plain lines; @param clock seconds (for tests) */
    public ProgressListener(Console console, String metricName, double plainIntervalSeconds, DoubleSupplier clock) {
        this.console = console;
        this.mode = console.effectiveProgressMode();
        this.metricName = metricName;
        this.plainIntervalSeconds = plainIntervalSeconds;
        this.clock = clock;
    }

    /** A label put before every line (e.g. "bp baseline"). */
    public ProgressListener prefix(String label) {
        this.prefix = label == null || label.isEmpty() ? "" : label + ": ";
        return this;
    }

    /**
     * The trainer's early-stopping patience in epochs (0 = none): a layer stops once this many epochs passed since its
     * best validation epoch (core {@code LayerwiseTrainer}: the last epoch is best + patience).
     */
    public ProgressListener patience(int epochs) {
        this.patience = Math.max(0, epochs);
        return this;
    }

    @Override
    public void onRunStart(int numLayers, int firstLayer) {
        this.numLayers = numLayers;
        if (mode != Console.ProgressMode.NONE && firstLayer > 0) {
            console.status("resuming at layer " + (firstLayer + 1) + "/" + numLayers);
        }
    }

    @Override
    public void onLayerStart(int layer, int maxEpochs) {
        lastDraw = Double.NEGATIVE_INFINITY;
        lastMetric = Double.NaN;
        bestEpoch = -1;
        best = Double.NaN;
        if (mode == Console.ProgressMode.PLAIN) {
            console.status(layerName(layer) + ": training (max " + maxEpochs + " epochs"
                    + (patience > 0 ? ", stops " + patience + " epochs after the best validation" : "") + ")");
        }
    }

    @Override
    public void onEpochEnd(EpochStats s) {
        track(s);
        double now = clock.getAsDouble();
        boolean last = s.epoch() + 1 >= s.maxEpochs();
        switch (mode) {
            case BAR -> {
                if (last || now - lastDraw >= 0.1) {
                    lastDraw = now;
                    console.redraw(barLine(s), Console.width() - 1);
                }
            }
            case PLAIN -> {
                if (lastDraw == Double.NEGATIVE_INFINITY) lastDraw = now;
                if (now - lastDraw >= plainIntervalSeconds) {
                    lastDraw = now;
                    console.status(plainLine(s));
                }
            }
            default -> { }
        }
    }

    /** Follows the trainer's best metric: it changes exactly when a validation improves on it. */
    void track(EpochStats s) {
        if (s.validated()) lastMetric = s.metric();
        double b = s.bestMetric();
        if (!Double.isNaN(b) && (bestEpoch < 0 || Double.compare(b, best) != 0)) {
            best = b;
            bestEpoch = s.epoch();
        }
    }

    @Override
    public void onLayerEnd(LayerReport r) {
        if (mode == Console.ProgressMode.NONE) return;
        console.endLine();
        StringBuilder sb = new StringBuilder(layerName(r.layer())).append(": ").append(r.epochs()).append(" epochs");
        if (r.bestEpoch() >= 0) {
            sb.append(String.format(Locale.ROOT, ", best %s %.4f at epoch %d", metricName, r.bestMetric(), r.bestEpoch() + 1));
        }
        sb.append(", ").append(Format.duration(r.seconds()));
        if (r.stoppedEarly()) {
            sb.append(" (stopped early").append(r.bestEpoch() >= 0 ? ": no better validation in the " + (r.epochs() - 1 - r.bestEpoch())
                    + " epochs after the best" : "").append(")");
        }
        console.status(sb.toString());
    }

    String layerName(int layer) {
        if (layer < 0) return prefix + "all layers";
        return prefix + (numLayers > 0 ? "layer " + (layer + 1) + "/" + numLayers : "layer " + (layer + 1));
    }

    /**
     * The epoch count at which the layer stops unless its validation improves again: best epoch + patience + 1 (1-based),
     * at most the maximum; the maximum without patience or before the first validation.
     */
    int projectedEnd(EpochStats s) {
        int max = Math.max(1, s.maxEpochs());
        if (patience <= 0 || bestEpoch < 0) return max;
        return Math.max(s.epoch() + 1, Math.min(max, bestEpoch + patience + 1));
    }

    /** "epoch 120/1000 best@95 patience 25/100" (the best and patience parts only when known). */
    String epochPart(EpochStats s) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d", s.epoch() + 1, s.maxEpochs()));
        if (bestEpoch >= 0) sb.append(" best@").append(bestEpoch + 1);
        if (patience > 0 && bestEpoch >= 0) sb.append(" patience ").append(s.epoch() - bestEpoch).append('/').append(patience);
        return sb.toString();
    }

    String barLine(EpochStats s) {
        return barLine(s, Console.width() - 1);
    }

    /** The bar line, dropping the best metric and then shortening the bar when the terminal is narrow. */
    String barLine(EpochStats s, int width) {
        int done = s.epoch() + 1;
        double frac = Math.min(1.0, done / (double) projectedEnd(s));
        String line = "";
        for (int variant = 0; variant < 3; variant++) {
            int w = variant < 2 ? 24 : 10;
            int filled = (int) Math.round(frac * w);
            String bar = "#".repeat(filled) + ".".repeat(w - filled);
            String bestPart = variant == 0 ? " (best " + Format.metric(s.bestMetric()) + ")" : "";
            line = String.format(Locale.ROOT, "%s [%s] %s loss %.4f %s %s%s %s ETA %s", layerName(s.layer()), bar, epochPart(s),
                    s.loss(), metricName, Format.metric(lastMetric), bestPart, Format.clock(s.elapsedSeconds()),
                    Format.clock(eta(s)));
            if (line.length() <= width) return line;
        }
        return line;
    }

    String plainLine(EpochStats s) {
        return String.format(Locale.ROOT, "%s %s loss %.4f %s %s best %s elapsed %s eta %s%s",
                layerName(s.layer()), epochPart(s), s.loss(), metricName, Format.metric(lastMetric),
                Format.metric(s.bestMetric()), Format.clock(s.elapsedSeconds()), Format.clock(eta(s)),
                projectedEnd(s) < s.maxEpochs() ? " (at most " + Format.clock(etaToMax(s)) + ")" : "");
    }

    /** Remaining time to {@link #projectedEnd} at the average epoch time so far (grows again when the layer improves). */
    double eta(EpochStats s) {
        int done = s.epoch() + 1;
        if (done <= 0) return Double.NaN;
        return s.elapsedSeconds() / done * Math.max(0, projectedEnd(s) - done);
    }

    /** Remaining time if every remaining epoch up to the maximum runs (the upper bound). */
    static double etaToMax(EpochStats s) {
        int done = s.epoch() + 1;
        if (done <= 0) return Double.NaN;
        return s.elapsedSeconds() / done * Math.max(0, s.maxEpochs() - done);
    }
}
