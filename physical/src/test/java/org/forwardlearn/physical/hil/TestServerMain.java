package org.forwardlearn.physical.hil;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Java device servers for the Python package's tests, driven by lines on stdin (the line protocol of
 * {@code forwardlearn_device/testing.py}): {@code start KEY=VALUE ...} answers {@code port N}; {@code stats N}, {@code stop N};
 * end of input stops everything. Serves {@link ExampleDevice}s with optional {@link FaultPlan}s.
 */
public final class TestServerMain {
    private TestServerMain() {}

    /** Parses {@code key=value} words; {@code fault=I:KIND[:ARG[:ARG2]]} may repeat. */
    static DeviceServer start(String[] words) throws IOException {
        Map<String, String> kv = new HashMap<>();
        Map<Long, Fault> faults = new LinkedHashMap<>();
        for (String w : words) {
            int eq = w.indexOf('=');
            if (eq < 1) throw new IllegalArgumentException("Expected KEY=VALUE (got '" + w + "')");
            String k = w.substring(0, eq), v = w.substring(eq + 1);
            if (!k.equals("fault")) {
                kv.put(k, v);
                continue;
            }
            String[] p = v.split(":", 4);
            long i = Long.parseLong(p[0]);
            faults.put(i, switch (p[1]) {
                case "drop_before" -> Fault.dropBeforeMeasure();
                case "drop_after" -> Fault.dropAfterMeasure();
                case "late" -> Fault.late(Duration.ofMillis(Math.round(Double.parseDouble(p[2]) * 1000)));
                case "malformed" -> Fault.malformed();
                case "error" -> Fault.error(ErrorCode.valueOf(p[2]), p.length > 3 ? p[3] : "injected");
                case "restart" -> Fault.restart(p[2]);
                default -> throw new IllegalArgumentException("Expected a fault kind (got " + p[1] + ")");
            });
        }
        ExampleDevice d = new ExampleDevice(Long.parseLong(kv.getOrDefault("seed", "0")), Double.parseDouble(kv.getOrDefault("noise", "0.01")),
                Integer.parseInt(kv.getOrDefault("inputs", "20")), Integer.parseInt(kv.getOrDefault("outputs", "20")),
                Integer.parseInt(kv.getOrDefault("max_batch", "4096")));
        DeviceServerConfig.Builder b = DeviceServerConfig.builder()
                .helloTimeout(Duration.ofMillis(Long.parseLong(kv.getOrDefault("hello_ms", "5000"))))
                .requestTimeout(Duration.ofMillis(Long.parseLong(kv.getOrDefault("request_ms", "5000"))))
                .minBytesPerSecond(Long.parseLong(kv.getOrDefault("min_rate", String.valueOf(1 << 20))))
                .faultPlan(FaultPlan.at(faults));
        if (kv.containsKey("token")) b.token(kv.get("token").getBytes(StandardCharsets.UTF_8));
        return DeviceServer.start(d, b.build());
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Map<Integer, DeviceServer> servers = new HashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] w = line.trim().split("\\s+");
                try {
                    command(w, servers, out);
                } catch (IOException | RuntimeException e) {
                    out.println("error " + e.toString().replace('\n', ' '));
                }
            }
        } finally {
            servers.values().forEach(DeviceServer::close);
        }
    }

    private static void command(String[] w, Map<Integer, DeviceServer> servers, PrintStream out) throws IOException {
        switch (w[0]) {
            case "start" -> {
                DeviceServer s = start(Arrays.copyOfRange(w, 1, w.length));
                servers.put(s.port(), s);
                out.println("port " + s.port());
            }
            case "stats" -> {
                DeviceServer s = servers.get(Integer.parseInt(w[1]));
                out.println("stats " + s.port() + " " + s.measuredBatches() + " " + s.measuredRows() + " " + s.cacheHits() + " " + s.measureRequests());
            }
            case "stop" -> {
                servers.remove(Integer.parseInt(w[1])).close();
                out.println("stopped " + w[1]);
            }
            default -> out.println("error unknown command " + w[0]);
        }
    }
}
