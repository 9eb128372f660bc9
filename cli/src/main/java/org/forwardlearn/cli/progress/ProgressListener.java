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
        if (mode == Console.ProgressMode.PLAIN) console.status(layerName(layer) + ": training (max " + maxEpochs + " epochs)");
    }

    @Override
    public void onEpochEnd(EpochStats s) {
        if (s.validated()) lastMetric = s.metric();
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

    @Override
    public void onLayerEnd(LayerReport r) {
        if (mode == Console.ProgressMode.NONE) return;
        console.endLine();
        StringBuilder sb = new StringBuilder(layerName(r.layer())).append(": ").append(r.epochs()).append(" epochs");
        if (r.bestEpoch() >= 0) {
            sb.append(String.format(Locale.ROOT, ", best %s %.4f at epoch %d", metricName, r.bestMetric(), r.bestEpoch() + 1));
        }
        sb.append(", ").append(Format.duration(r.seconds()));
        if (r.stoppedEarly()) sb.append(" (stopped early)");
        console.status(sb.toString());
    }

    String layerName(int layer) {
        if (layer < 0) return prefix + "all layers";
        return prefix + (numLayers > 0 ? "layer " + (layer + 1) + "/" + numLayers : "layer " + (layer + 1));
    }

    String barLine(EpochStats s) {
        return barLine(s, Console.width() - 1);
    }

    /** The bar line, dropping the best metric and then shortening the bar when the terminal is narrow. */
    String barLine(EpochStats s, int width) {
        int done = s.epoch() + 1;
        double frac = Math.min(1.0, done / (double) Math.max(1, s.maxEpochs()));
        String line = "";
        for (int variant = 0; variant < 3; variant++) {
            int w = variant < 2 ? 24 : 10;
            int filled = (int) Math.round(frac * w);
            String bar = "#".repeat(filled) + ".".repeat(w - filled);
            String best = variant == 0 ? " (best " + Format.metric(s.bestMetric()) + ")" : "";
            line = String.format(Locale.ROOT, "%s [%s] %d/%d loss %.4f %s %s%s %s ETA %s", layerName(s.layer()), bar, done,
                    s.maxEpochs(), s.loss(), metricName, Format.metric(lastMetric), best, Format.clock(s.elapsedSeconds()),
                    Format.clock(eta(s)));
            if (line.length() <= width) return line;
        }
        return line;
    }

    String plainLine(EpochStats s) {
        return String.format(Locale.ROOT, "%s epoch %d/%d loss %.4f %s %s best %s elapsed %s eta %s",
                layerName(s.layer()), s.epoch() + 1, s.maxEpochs(), s.loss(), metricName, Format.metric(lastMetric),
                Format.metric(s.bestMetric()), Format.clock(s.elapsedSeconds()), Format.clock(eta(s)));
    }

    /** Remaining time if every remaining epoch takes the average so far (an upper bound with early stopping). */
    static double eta(EpochStats s) {
        int done = s.epoch() + 1;
        if (done <= 0) return Double.NaN;
        return s.elapsedSeconds() / done * Math.max(0, s.maxEpochs() - done);
    }
}
