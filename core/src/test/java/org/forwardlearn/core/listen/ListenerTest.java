package org.forwardlearn.core.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.forwardlearn.core.train.EpochStats;
import org.forwardlearn.core.train.LayerReport;
import org.junit.jupiter.api.Test;

class ListenerTest {
    @Test
    void compositeCallsEachListenerInOrderAndGuardStopsTheChain() {
        List<String> seen = new ArrayList<>();
        TrainingListener a = new TrainingListener() {
            @Override public void onEpochEnd(EpochStats s) { seen.add("a" + s.epoch()); }
        };
        TrainingListener b = new TrainingListener() {
            @Override public void onEpochEnd(EpochStats s) { seen.add("b" + s.epoch()); }
        };
        TrainingListener all = TrainingListener.of(a, new LoggingListener(), new DivergenceGuard(), b);
        all.onRunStart(2, 0);
        all.onLayerStart(0, 5);
        all.onEpochEnd(new EpochStats(0, 0, 5, 0.7, 0.5, 0.5, 0.1));
        all.onEpochEnd(new EpochStats(0, 1, 5, 0.6, Double.NaN, 0.5, 0.2));
        all.onLayerEnd(new LayerReport(0, 2, 0, 0.5, 0.2, false, List.of()));
        assertEquals(List.of("a0", "b0", "a1", "b1"), seen);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> all.onEpochEnd(new EpochStats(1, 7, 9, Double.NaN, Double.NaN, Double.NaN, 1)));
        assertEquals(true, e.getMessage().contains("layer 2, epoch 8"), "1-based: " + e.getMessage());
        assertEquals(List.of("a0", "b0", "a1", "b1", "a7"), seen, "listeners after the guard are not called");
    }
}
