package org.forwardlearn.physical.hil;

import java.util.Map;
import java.util.TreeMap;

/**
 * Decides, for each MEASURE request the device server receives, whether to inject a {@link Fault}.
 * Requests are numbered from 0 across all connections in arrival order (a resent request counts
 * again). Used by tests and by anyone who wants to see how a trainer copes with a bad device.
 */
@FunctionalInterface
public interface FaultPlan {
    /** The fault for the {@code index}-th MEASURE request (0-based). */
    Fault onMeasure(long index);

    /** No faults. */
    static FaultPlan none() { return i -> Fault.none(); }

    /** The given faults at the given request indices, none elsewhere. */
    static FaultPlan at(Map<Long, Fault> faults) {
        Map<Long, Fault> copy = new TreeMap<>(faults);
        return i -> copy.getOrDefault(i, Fault.none());
    }

    /** One fault at one request index. */
    static FaultPlan at(long index, Fault fault) { return at(Map.of(index, fault)); }
}
