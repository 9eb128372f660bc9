package org.forwardlearn.physical.pff;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.physical.SystemSpec;
import org.junit.jupiter.api.Test;

/** PFF training and inference touch the device only through measure (and spec / counters): a recording fake. */
class MeasureOnlyTest {
    static final class Recording implements PhysicalSystem {
        final Set<String> calls = new TreeSet<>();
        final SystemSpec spec = new SystemSpec("fake", "0", 16, 6, new InputDomain.Continuous(0, 1), 50);
        long q, s;

        @Override public SystemSpec spec() { calls.add("spec"); return spec; }

        @Override
        public double[][] measure(double[][] in) {
            calls.add("measure");
            assertTrue(in.length <= 50, "batch split to max batch");
            q++;
            s += in.length;
            double[][] out = new double[in.length][6];
            for (int i = 0; i < in.length; i++) for (int k = 0; k < 6; k++) out[i][k] = Math.pow(in[i][k] + in[i][k + 6], 2);
            return out;
        }

        @Override public long queries() { calls.add("queries"); return q; }

        @Override public long samples() { calls.add("samples"); return s; }

        @Override public void close() { calls.add("close"); }
    }

    @Test
    void onlyMeasureSpecAndCounters() {
        PffTestData d = new PffTestData(60, 5, 1);
        Recording a = new Recording(), b = new Recording();
        PffModel m = new PffTrainer(PffConfig.defaults().withHidden(8).withSteps(2, 20, 2).withReadout(true, 5), List.of(a, b)).fit(PffTrainer.data(d.x, d.y, 3, 0), null);
        m.accuracy(d.x, d.y, List.of(a, b), new Meter());
        m.readoutAccuracy(d.x, d.y, List.of(a, b), new Meter());
        for (Recording r : List.of(a, b)) {
            assertTrue(Set.of("measure", "spec", "queries", "samples").containsAll(r.calls), r.calls.toString());
            assertTrue(r.calls.contains("measure"));
        }
        // training: 2 epochs x 3 batches, 40 rows -> 1 query per block; readout features: 60 rows -> 2 queries (max batch 50)
        assertEquals(2 * (6 + 2), m.queries());
        // + inference in chunks of the batch size: 3 chunks x (20 x 3 labels = 60 rows -> 2 queries); readout inference 2 queries
        assertEquals(6 + 2 + 6 + 2, a.q);
        assertEquals(a.q, b.q);
    }
}
