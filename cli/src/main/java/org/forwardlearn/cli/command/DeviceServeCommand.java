package org.forwardlearn.cli.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.forwardlearn.cli.CliException;
import org.forwardlearn.cli.Console;
import org.forwardlearn.cli.ForwardlearnCommand;
import org.forwardlearn.cli.io.Atomic;
import org.forwardlearn.physical.hil.DeviceServer;
import org.forwardlearn.physical.hil.DeviceServerConfig;
import org.forwardlearn.physical.hil.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forwardlearn device serve}: exposes a simulated system (or a lab's {@code PhysicalSystemProvider})
 * over the device protocol (physical/PROTOCOL.md) with the hil package's {@link DeviceServer}. Runs until
 * interrupted (Ctrl-C) or for --duration seconds.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve a physical system over the device protocol (length-prefixed frames over TCP).",
                "Bound to 127.0.0.1 unless --bind says otherwise (any other address needs --token-file: the protocol is plaintext);",
                "--token-file requires clients to present the same secret. A trainer holding the device keeps it until it",
                "disconnects; another client needs the token and an explicit takeover (physical/PROTOCOL.md)."},
        footer = {"", "Example: forwardlearn device serve --system optical --port 7001 --token-file lab.token "
                + "--option slm-side=14 --option camera=128"})
public final class DeviceServeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--system", required = true, paramLabel = "NAME", description = "optical, microwave, acoustic or a provider's name.")
    String system;

    @Option(names = "--port", required = true, description = "TCP port (0 = any free port; see --port-file).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Shared-secret token clients must send in their hello.")
    Path tokenFile;

    @Option(names = "--seed", description = "Seed of the simulated system.")
    Long seed;

    @Option(names = "--noise", description = "Detector noise of the simulated system.")
    Double noise;

    @Option(names = "--drift", description = "Drift rate per measured sample of the simulated system.")
    Double drift;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "System option, repeatable (e.g. slm-side=14, camera=128).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--duration", defaultValue = "0", description = "Stop after this many seconds (0 = until interrupted).")
    double duration;

    @Option(names = "--hello-timeout", defaultValue = "5", paramLabel = "SECONDS",
            description = "Deadline for a client's whole handshake (default: ${DEFAULT-VALUE} s).")
    double helloTimeout;

    @Option(names = "--request-timeout", defaultValue = "5", paramLabel = "SECONDS",
            description = "Deadline for one request after its first byte, plus 1 s per MiB (default: ${DEFAULT-VALUE} s).")
    double requestTimeout;

    @Option(names = "--port-file", paramLabel = "FILE", description = "Write the bound port to FILE once listening (for scripts, with --port 0).")
    Path portFile;

    @Override
    public Integer call() throws Exception {
        ForwardlearnCommand root = ForwardlearnCommand.root(spec);
        Console console = root.console();
        Checks.within("--port", port, 0, 65535);
        Checks.nonNegative("--noise", noise);
        Checks.nonNegative("--drift", drift);
        Checks.nonNegative("--duration", duration);
        Map<String, String> o = new LinkedHashMap<>(options);
        if (seed != null) o.put("seed", seed.toString());
        if (noise != null) o.put("noise", noise.toString());
        if (drift != null) o.put("drift", drift.toString());
        o.putIfAbsent("data-dir", root.dataDir().toString());
        if (!(helloTimeout > 0) || !(requestTimeout > 0)) {
            throw CliException.usage("--hello-timeout/--request-timeout: expected seconds > 0 (got " + helloTimeout + ", " + requestTimeout + ")");
        }
        DeviceServerConfig.Builder b = DeviceServerConfig.builder().bind(bind).port(port)
                .helloTimeout(java.time.Duration.ofMillis(Math.round(helloTimeout * 1000)))
                .requestTimeout(java.time.Duration.ofMillis(Math.round(requestTimeout * 1000)));
        if (tokenFile != null) b.token(Tokens.read(tokenFile));
        DeviceServer server;
        try {
            server = DeviceServer.serve(system, o, b.build());
        } catch (java.net.BindException e) {
            throw new CliException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage()); // unknown system, or a non-loopback address without a token
        }
        Thread hook = new Thread(server::close, "forwardlearn-device-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (portFile != null) Atomic.write(portFile, Integer.toString(server.port()).getBytes(StandardCharsets.UTF_8));
            if (!java.net.InetAddress.getByName(bind).isLoopbackAddress()) {
                console.status("warning: listening beyond loopback on " + bind + "; the device protocol is plaintext (token and "
                        + "measurements travel unencrypted): use a trusted network or an SSH tunnel");
            }
            console.out().println("serving " + system + " on " + server.uri() + (tokenFile != null ? " (token required)" : "")
                    + "; stop with Ctrl-C");
            console.out().flush();
            if (duration > 0) server.awaitTermination((long) (duration * 1000), TimeUnit.MILLISECONDS);
            else server.awaitTermination();
        } catch (InterruptedException e) {
            // asked to stop (an embedding program interrupted us): a normal end
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
        console.status(String.format("device server stopped: %d measure requests, %d batches (%d rows) measured, %d answered from cache",
                server.measureRequests(), server.measuredBatches(), server.measuredRows(), server.cacheHits()));
        return 0;
    }
}
