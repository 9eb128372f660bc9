package org.forwardlearn.physical.hil;

import java.io.PrintStream;
import java.util.Locale;
import java.util.SplittableRandom;
import org.forwardlearn.physical.InputDomain;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.physical.SystemSpec;
import org.forwardlearn.physical.sim.OpticalSystem;
import org.forwardlearn.physical.sim.SimSettings;

/**
 * Throughput of the device protocol on loopback: requests per second and overhead per query of a
 * {@link RemotePhysicalSystem} (float32 and float64 values) against calling the same simulated optical
 * system in-process. A program, not a test: {@code java -cp ... org.forwardlearn.physical.hil.HilBench
 * [seconds-per-point] [batch sizes...]}. Also an "echo" device that answers instantly, whose latency is the
 * protocol's whole cost. Prints one table (this main is the only place in the package that prints).
 */
public final class HilBench {
    private HilBench() {}

    /** One measured point. */
    public record Point(String path, int batch, double requestsPerSecond, double rowsPerSecond, double meanMicros,
                        double p50Micros, double p99Micros) {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        int[] batches = args.length > 1 ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 16, 256, 1024};
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "device: simulated optical, 64 inputs -> 64 outputs, max batch 1024; %.1f s per point; JVM %s%n",
                seconds, Runtime.version());
        out.printf(Locale.ROOT, "%-12s %6s %12s %12s %10s %10s %10s %16s%n",
                "path", "batch", "requests/s", "rows/s", "mean us", "p50 us", "p99 us", "p50 overhead us");
        inProcess(64, 1.0); // warm up the JIT on every path before measuring anything
        remote(64, 1.0, false);
        remote(64, 1.0, true);
        for (int b : batches) {
            Point local = inProcess(b, seconds);
            print(out, local, 0);
            for (boolean exact : new boolean[] {false, true}) print(out, remote(b, seconds, exact), local.p50Micros());
            for (boolean exact : new boolean[] {false, true}) print(out, protocolOnly(b, seconds, exact), 0);
        }
    }

    /** Overhead per query = remote p50 - in-process p50 (medians: robust to GC pauses and a loaded machine). */
    private static void print(PrintStream out, Point p, double localP50) {
        String overhead = p.path().equals("in-process") ? "-" : String.format(Locale.ROOT, "%.1f", p.p50Micros() - localP50);
        if (p.path().startsWith("echo")) overhead = String.format(Locale.ROOT, "%.1f (all)", p.p50Micros());
        out.printf(Locale.ROOT, "%-12s %6d %12.0f %12.0f %10.1f %10.1f %10.1f %16s%n", p.path(), p.batch(), p.requestsPerSecond(),
                p.rowsPerSecond(), p.meanMicros(), p.p50Micros(), p.p99Micros(), overhead);
    }

    /** Through a device server whose device answers instantly (copies its input): the protocol's own cost. */
    public static Point protocolOnly(int batch, double seconds, boolean exact) throws java.io.IOException {
        try (PhysicalSystem sys = new EchoDevice();
             DeviceServer server = DeviceServer.start(sys, DeviceServerConfig.builder().build())) {
            RemoteConfig.Builder b = RemoteConfig.builder(server.uri()).clientId("hil-bench");
            try (RemotePhysicalSystem remote = RemotePhysicalSystem.connect(exact ? b.exact().build() : b.build())) {
                return run(exact ? "echo f64" : "echo f32", remote, batch, seconds, remote);
            }
        }
    }

    /**
     * Through whatever device server listens at {@code uri} (e.g. the Python one), with this package's client:
     * the same client for every server compared.
     */
    public static Point remoteAt(String uri, String path, int batch, double seconds, boolean exact) {
        RemoteConfig.Builder b = RemoteConfig.builder(uri).clientId("hil-bench");
        try (RemotePhysicalSystem remote = RemotePhysicalSystem.connect(exact ? b.exact().build() : b.build())) {
            return run(path, remote, batch, seconds, remote);
        }
    }

    /** A device with no physics: 64 inputs in [0, 1] echoed as outputs. */
    private static final class EchoDevice implements PhysicalSystem {
        private final SystemSpec spec = new SystemSpec("echo", "1", 64, 64, new InputDomain.Continuous(0, 1), 1024);
        private long queries, samples;
        @Override public SystemSpec spec() { return spec; }
        @Override public double[][] measure(double[][] in) {
            queries++;
            samples += in.length;
            double[][] out = new double[in.length][];
            for (int i = 0; i < in.length; i++) out[i] = in[i].clone();
            return out;
        }
        @Override public long queries() { return queries; }
        @Override public long samples() { return samples; }
        @Override public void close() {}
    }

    static OpticalSystem device() {
        return new OpticalSystem(SimSettings.ideal(1).withBits(0), 8, 64, 1, OpticalSystem.Encoding.PHASE);
    }

    private static double[][] inputs(int rows) {
        SplittableRandom r = new SplittableRandom(7);
        double[][] x = new double[rows][64];
        for (double[] row : x) for (int j = 0; j < 64; j++) row[j] = r.nextDouble();
        return x;
    }

    /** Calls {@code measure} in-process for about {@code seconds}. */
    public static Point inProcess(int batch, double seconds) {
        try (OpticalSystem sys = device()) {
            return run("in-process", sys, batch, seconds, null);
        }
    }

    /** Calls {@code measure} through a device server on loopback for about {@code seconds}. */
    public static Point remote(int batch, double seconds, boolean exact) throws java.io.IOException {
        try (OpticalSystem sys = device();
             DeviceServer server = DeviceServer.start(sys, DeviceServerConfig.builder().build())) {
            RemoteConfig.Builder b = RemoteConfig.builder(server.uri()).clientId("hil-bench");
            try (RemotePhysicalSystem remote = RemotePhysicalSystem.connect(exact ? b.exact().build() : b.build())) {
                return run(exact ? "tcp float64" : "tcp float32", remote, batch, seconds, remote);
            }
        }
    }

    private static Point run(String path, PhysicalSystem sys, int batch, double seconds, RemotePhysicalSystem remote) {
        double[][] x = inputs(batch);
        long warmEnd = System.nanoTime() + (long) (0.3e9);
        while (System.nanoTime() < warmEnd) sys.measure(x);
        LatencyRecorder lat = new LatencyRecorder();
        long n = 0, t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9), now = t0;
        while (now < end) {
            sys.measure(x);
            long t = System.nanoTime();
            lat.record(t - now);
            now = t;
            n++;
        }
        double el = (now - t0) / 1e9;
        return new Point(path, batch, n / el, n * batch / el, lat.meanMillis() * 1e3, lat.quantileMillis(0.5) * 1e3,
                lat.quantileMillis(0.99) * 1e3);
    }
}
