package org.forwardlearn.physical.hil;

import java.time.Duration;

/** One injected failure of the device server, applied to one MEASURE request (see {@link FaultPlan}). */
public sealed interface Fault {
    /** Behave normally. */
    record None() implements Fault {}

    /** Close the connection after reading the request, before measuring. */
    record DropBeforeMeasure() implements Fault {}

    /** Measure (and cache the result), then close the connection without answering. */
    record DropAfterMeasure() implements Fault {}

    /** Measure, then wait {@code delay} before answering (past the client's read timeout). */
    record Late(Duration delay) implements Fault {}

    /** Measure, then answer with a frame whose magic is wrong. */
    record Malformed() implements Fault {}

    /** Answer with an ERROR frame instead of measuring. */
    record Error(ErrorCode code, String message) implements Fault {}

    /** Simulate a device restart: drop every connection, forget cached results, come back as {@code newDeviceId}. */
    record Restart(String newDeviceId) implements Fault {}

    static Fault none() { return new None(); }
    static Fault dropBeforeMeasure() { return new DropBeforeMeasure(); }
    static Fault dropAfterMeasure() { return new DropAfterMeasure(); }
    static Fault late(Duration delay) { return new Late(delay); }
    static Fault malformed() { return new Malformed(); }
    static Fault error(ErrorCode code, String message) { return new Error(code, message); }
    static Fault restart(String newDeviceId) { return new Restart(newDeviceId); }
}
