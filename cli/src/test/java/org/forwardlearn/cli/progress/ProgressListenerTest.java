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
        assertTrue(s.matches("(?s).*\\[#+\\] 100/100.*"), "a full bar at the end: " + s);
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
        assertEquals(90.0, ProgressListener.eta(new EpochStats(0, 9, 100, 0, Double.NaN, Double.NaN, 10.0)), 1e-9);
        assertEquals("01:30", Format.clock(90));
        assertEquals("--:--", Format.clock(Double.NaN));
    }
}
