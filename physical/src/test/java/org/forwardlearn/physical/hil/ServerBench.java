package org.forwardlearn.physical.hil;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Python device server vs Java device server on loopback, both serving an echo device (64 -> 64 floats, answered
 * at once, so the latency is the server's and the protocol's whole cost), both measured with the same Java client
 * ({@link RemotePhysicalSystem}). A benchmark, not a test:
 * {@code java -cp <physical test class path> org.forwardlearn.physical.hil.ServerBench [seconds-per-point] [batches...]}.
 */
public final class ServerBench {
    private ServerBench() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        int[] batches = args.length > 1 ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {1, 256};
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("server-bench");
        out.printf(Locale.ROOT, "echo device 64 -> 64; %.1f s per point after a warm-up; client: RemotePhysicalSystem (JDK %s)%n", seconds, Runtime.version());
        out.println("| server | values | batch | requests/s | rows/s | p50 µs | p99 µs | p50 per row µs |");
        out.println("|---|---|---|---|---|---|---|---|");
        try (PythonDevice py = PythonDevice.serve(dir, "--example", "echo", "--inputs", "64")) {
            HilBench.protocolOnly(64, 1.0, true); // JIT warm-up of client and Java server
            HilBench.remoteAt(py.uri(), "warm-up", 64, 1.0, true);
            for (int b : batches) {
                for (boolean exact : new boolean[] {false, true}) {
                    print(out, "Java", exact, HilBench.protocolOnly(b, seconds, exact));
                    print(out, "Python", exact, HilBench.remoteAt(py.uri(), "python", b, seconds, exact));
                }
            }
        }
    }

    private static void print(PrintStream out, String server, boolean exact, HilBench.Point p) {
        out.printf(Locale.ROOT, "| %s | %s | %d | %.0f | %.0f | %.1f | %.1f | %.2f |%n", server, exact ? "float64" : "float32", p.batch(),
                p.requestsPerSecond(), p.rowsPerSecond(), p.p50Micros(), p.p99Micros(), p.p50Micros() / p.batch());
    }
}
