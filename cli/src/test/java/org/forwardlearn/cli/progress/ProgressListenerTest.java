package org.forwardlearn.cli.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.forwardlearn.cli.Console;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerReport;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {
    private final StringWriter out = new StringWriter(), err = new StringWriter();
    private double now;

    private Console console(boolean terminal) {
        return new Console(new PrintWriter(out, true), new PrintWriter(err, true), terminal);
    }

    private void run(ProgressListener p) {
        p.onRunStart(2, 0);
        p.onLayerStart(0, 100);
        for (int e = 0; e < 100; e++) {
            now += 1.0;
            p.onEpochEnd(new EpochStats(0, e, 100, 1.0 / (e + 1), e % 2 == 1 ? 0.5 : Double.NaN, 0.5, e + 1));
        }
        p.onLayerEnd(new LayerReport(0, 100, 41, 0.5, 100, false, List.of()));
    }

    @Test
    void plainModePrintsPeriodicLinesAndNothingOnStdout() {
        run(new ProgressListener(console(false), "val_acc", 10.0, () -> now));
        List<String> lines = err.toString().lines().toList();
        long epochLines = lines.stream().filter(l -> l.contains(" epoch ")).count();
        assertTrue(epochLines >= 8 && epochLines <= 11, "about one line per 10 s: " + lines);
        assertTrue(lines.get(lines.size() - 1).contains("layer 1/2: 100 epochs, best val_acc 0.5000 at epoch 42"), lines.toString());
        assertFalse(err.toString().contains("\r"), "no carriage returns when not a terminal");
        assertEquals("", out.toString());
    }

    @Test
    void barModeRedrawsOneLinePerLayerWithEtaAndEndsIt() {
        run(new ProgressListener(console(true), "val_acc", 10.0, () -> now));
        String s = err.toString();
        assertTrue(s.contains("\r"), "redrawn in place");
        assertTrue(s.contains("ETA"));
        assertTrue(s.contains("100/100"));
        assertTrue(s.matches("(?s).*\\[#+\\] epoch 100/100.*"), "a full bar at the end: " + s);
        assertEquals("", out.toString());
    }

    @Test
    void narrowTerminalsKeepTheEta() {
        ProgressListener p = new ProgressListener(console(true), "val_acc", 10.0, () -> now);
        p.onRunStart(2, 0);
        EpochStats s = new EpochStats(0, 4, 100, 0.5, 0.7, 0.75, 5);
        assertTrue(p.barLine(s, 200).contains("(best 0.7500)"));
        String narrow = p.barLine(s, 75);
        assertTrue(narrow.length() <= 75 && narrow.contains("ETA 01:35"), narrow);
    }

    @Test
    void noneModeIsSilent() {
        Console c = console(true);
        c.progressMode(Console.ProgressMode.NONE);
        run(new ProgressListener(c, "val_acc", 10.0, () -> now));
        assertEquals("", err.toString());
    }

    @Test
    void etaAssumesTheAverageEpochTime() {
        ProgressListener p = new ProgressListener(console(false), "val_acc", 10.0, () -> now);
        EpochStats s = new EpochStats(0, 9, 100, 0, Double.NaN, Double.NaN, 10.0);
        p.track(s);
        assertEquals(90.0, p.eta(s), 1e-9, "no patience: to the maximum");
        assertEquals(90.0, ProgressListener.etaToMax(s), 1e-9);
        assertEquals("01:30", Format.clock(90));
        assertEquals("--:--", Format.clock(Double.NaN));
    }

    /** A layer whose validation improves every 2 epochs up to epoch 95 (1-based) and then stalls; 1 s per epoch. */
    private static EpochStats stalled(int epoch) {
        boolean validated = epoch % 2 == 0;
        double bestSoFar = 0.5 + 0.001 * (Math.min(epoch, 94) / 2 * 2);
        return new EpochStats(0, epoch, 1000, 0.1, validated ? (epoch <= 94 ? bestSoFar : 0.4) : Double.NaN, bestSoFar, epoch + 1);
    }

    @Test
    void barFollowsEarlyStoppingInsteadOfTheMaximum() {
        ProgressListener p = new ProgressListener(console(true), "val_acc", 10.0, () -> now).patience(100);
        p.onRunStart(2, 0);
        p.onLayerStart(0, 1000);
        for (int e = 0; e < 120; e++) p.track(stalled(e));
        EpochStats s = stalled(119);
        String line = p.barLine(s, 200);
        assertTrue(line.contains("epoch 120/1000 best@95 patience 25/100"), line);
        // stops at epoch 95 + 100 = 195 unless it improves: 120/195 of the bar, not 120/1000
        assertEquals(195, p.projectedEnd(s));
        assertTrue(line.contains("[" + "#".repeat(15) + ".".repeat(9) + "]"), line);
        assertEquals(120.0 / 120 * 75, p.eta(s), 1e-9, "75 epochs left at 1 s each");
        assertTrue(line.contains("ETA 01:15"), line);
        String plain = p.plainLine(s);
        assertTrue(plain.contains("epoch 120/1000 best@95 patience 25/100") && plain.contains("eta 01:15 (at most 14:40)"), plain);
        // an improvement moves the projected end on (and the bar back)
        p.track(new EpochStats(0, 121, 1000, 0.1, 0.9, 0.9, 122));
        assertEquals(222, p.projectedEnd(new EpochStats(0, 121, 1000, 0.1, 0.9, 0.9, 122)));
    }

    @Test
    void layerEndSaysWhyItStopped() {
        ProgressListener p = new ProgressListener(console(false), "val_acc", 10.0, () -> now).patience(100);
        p.onRunStart(2, 0);
        p.onLayerStart(1, 1000);
        p.onLayerEnd(new LayerReport(1, 195, 94, 0.594, 12.0, true, List.of()));
        String last = err.toString().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.contains("layer 2/2: 195 epochs, best val_acc 0.5940 at epoch 95")
                && last.contains("stopped early: no better validation in the 100 epochs after the best"), last);
        assertTrue(err.toString().contains("layer 2/2: training (max 1000 epochs, stops 100 epochs after the best validation)"), err.toString());
    }
}
