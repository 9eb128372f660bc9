package org.forwardlearn.cli.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.forwardlearn.cli.CliException;
import org.forwardlearn.physical.PhysicalExperiment;
import org.forwardlearn.physical.PhysicalSystem;
import org.forwardlearn.physical.data.Vowels;
import org.forwardlearn.physical.hil.RemoteConfig;
import org.forwardlearn.physical.hil.RemotePhysicalSystem;
import org.forwardlearn.physical.hil.Tokens;
import org.forwardlearn.physical.pff.PffConfig;
import picocli.CommandLine.Option;

/** Options shared by {@code physical train}, {@code physical compare} and {@code bench physical}. */
public final class PhysicalOptions {
    @Option(names = "--dataset", required = true, paramLabel = "vowels|fashion-mnist", description = "vowels or fashion-mnist.")
    String dataset;

    @Option(names = "--system", paramLabel = "NAME",
            description = "acoustic, optical, microwave or a provider's name (default: acoustic for vowels, optical for fashion-mnist).")
    String system;

    @Option(names = "--blocks", description = "Physical blocks (default: 2; vowels on microwave: 3, as the paper).")
    Integer blocks;

    @Option(names = "--noise", description = "Detector noise (acoustic: multiple of the measured residual; default: the experiment's).")
    Double noise;

    @Option(names = "--drift", defaultValue = "0", description = "Drift rate per measured sample, 0 = none (default: ${DEFAULT-VALUE}).")
    double drift;

    @Option(names = "--redraw", description = "Re-draw the simulated devices once, half-way through training.")
    boolean redraw;

    @Option(names = "--epochs", description = "Training epochs (default: the experiment's tuned value).")
    Integer epochs;

    @Option(names = "--limit-train", defaultValue = "0", description = "Use only the first N training samples (0 = all).")
    int limitTrain;

    @Option(names = "--hidden", description = "Digital width per block (default: the experiment's).")
    Integer hidden;

    @Option(names = "--lr", description = "Learning rate of the digital maps' optimizer (default: the experiment's).")
    Double lr;

    @Option(names = "--optimizer", paramLabel = "adam|sgd", description = "Optimizer of the digital maps (default: the experiment's, adam).")
    String optimizer;

    @Option(names = "--alpha", description = "SymBa alpha (default: the experiment's).")
    Double alpha;

    @Option(names = "--vowel-protocol", paramLabel = "paper|SPLIT/NORM",
            description = "Vowels only: paper (default: the PFF paper's 258-token workbook phyll-vowels, 7 vowels ae ah aw er ih iy uw, "
                    + "random unstratified 80/20 token split per seed, z-score with training statistics); or a Hillenbrand protocol "
                    + "(vowdata.dat, 336 women tokens, eh instead of er): talker/talker (talker-disjoint split, Lobanov per-talker "
                    + "z-score), token/global (stratified token split, global z-score), talker/global or token/talker.")
    String vowelProtocol;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "System option, repeatable (e.g. camera=128, encoding=amplitude); KEY@B applies to block B only (slm-side@1=8).")
    Map<String, String> systemOptions = new LinkedHashMap<>();

    @Option(names = "--device", paramLabel = "tcp://HOST:PORT",
            description = "Train against a remote device (forwardlearn device serve) instead of a simulation; once per block, "
                    + "or once for a device shared by every block.")
    List<String> devices = new ArrayList<>();

    @Option(names = "--token-file", paramLabel = "FILE", description = "Shared-secret token for --device.")
    Path tokenFile;

    /** The methods of {@code physical.PhysicalExperiment} (PFF and its baselines). */
    static final List<String> METHODS = List.of("pff", "insilico", "pat", "bp", "logreg", "random-map", "digital");

    /** Every option value and the methods to run, before any work (usage error, exit 2, naming the option). */
    void checkValues(String methodOption, List<String> methods) {
        Checks.oneOf("--dataset", dataset, List.of("vowels", "fashion-mnist"));
        for (String m : methods) Checks.oneOf(methodOption, m, METHODS);
        Checks.atLeast("--blocks", blocks, 1);
        Checks.nonNegative("--noise", noise);
        Checks.nonNegative("--drift", drift);
        Checks.atLeast("--epochs", epochs, 1);
        Checks.atLeast("--limit-train", limitTrain, 0);
        Checks.atLeast("--hidden", hidden, 1);
        Checks.positive("--lr", lr);
        if (optimizer != null) Checks.oneOf("--optimizer", optimizer, List.of("adam", "sgd"));
        Checks.positive("--alpha", alpha);
        if (vowelProtocol != null && !dataset.equals("vowels")) {
            throw CliException.usage("--vowel-protocol applies to --dataset vowels only (got " + dataset + ")");
        }
        for (String uri : devices) {
            try {
                RemoteConfig.builder(uri).build();
            } catch (IllegalArgumentException e) {
                throw Checks.bad("--device", "a device URI tcp://HOST:PORT with a port in 1..65535", "'" + uri + "'");
            }
        }
        if (blocks != null && !devices.isEmpty() && devices.size() != 1 && devices.size() != blocks) {   // the per-system default is checked once resolved (deviceFactory)
            throw Checks.bad("--device", "one URI per block (" + blocks + ") or a single shared one", devices.size() + " URIs");
        }
    }

    /** The experiment configuration (method and seed set by the caller through {@code with}). */
    PhysicalExperiment.Config config(Path dataDir, String method, long seed) throws IOException {
        if (!dataset.equals("vowels") && !dataset.equals("fashion-mnist")) {
            throw CliException.usage("--dataset: expected vowels or fashion-mnist (got '" + dataset + "')");
        }
        if (blocks != null && blocks < 1) throw CliException.usage("--blocks: expected >= 1 (got " + blocks + ")");
        String sys = system != null ? system : PhysicalExperiment.Config.defaults(dataset).system();
        PhysicalExperiment.Config d = PhysicalExperiment.Config.defaults(dataset, sys);
        int nBlocks = blocks != null ? blocks : d.blocks();
        Map<String, String> opts = new LinkedHashMap<>(d.systemOptions());
        opts.putAll(systemOptions);
        IntFunction<PhysicalSystem> factory = deviceFactory(nBlocks);
        PhysicalExperiment.Config c = d.withDataDir(dataDir)
                .withSystem(sys, nBlocks, noise != null ? noise : d.noise(), opts, factory)
                .withDrift(drift, redraw)
                .with(method, seed);
        if (vowelProtocol != null) {
            if (!dataset.equals("vowels")) throw CliException.usage("--vowel-protocol applies to --dataset vowels only (got " + dataset + ")");
            try {
                c = c.withVowels(Vowels.Protocol.parse(vowelProtocol));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--vowel-protocol: " + e.getMessage());
            }
        }
        PffConfig p = c.pff();
        if (hidden != null) p = p.withHidden(hidden);
        if (lr != null || optimizer != null) {
            p = p.withOptimizer(new org.forwardlearn.core.optim.OptimizerConfig(optimizer != null ? optimizer : p.optimizer().kind(),
                    lr != null ? lr : p.lr(), p.weightDecay(), 0));
        }
        if (alpha != null) p = p.withAlpha(alpha);
        return c.withTraining(epochs != null ? epochs : c.epochs(), limitTrain, p);
    }

    /** Null for simulated devices; else block index -> a connected remote device. */
    IntFunction<PhysicalSystem> deviceFactory(int blocks) throws IOException {
        if (devices.isEmpty()) {
            if (tokenFile != null) throw CliException.usage("--token-file needs --device");
            return null;
        }
        if (devices.size() != 1 && devices.size() != blocks) {
            throw CliException.usage("--device: expected one URI per block (" + blocks + ") or a single shared one (got " + devices.size() + ")");
        }
        byte[] token = tokenFile == null ? null : Tokens.read(tokenFile);
        List<RemoteConfig> cfgs = new ArrayList<>();
        for (String uri : devices) {
            RemoteConfig.Builder b = RemoteConfig.builder(uri).clientId("forwardlearn-cli");
            if (token != null) b.token(token);
            cfgs.add(b.build());
        }
        if (cfgs.size() == 1) {
            // one connection shared by every block (a device server serves one client at a time)
            RemotePhysicalSystem[] shared = new RemotePhysicalSystem[1];
            return block -> {
                if (shared[0] == null) shared[0] = RemotePhysicalSystem.connect(cfgs.get(0));
                return shared[0];
            };
        }
        return block -> RemotePhysicalSystem.connect(cfgs.get(block));
    }

    /** What the provenance records about the run. */
    static Map<String, String> describe(PhysicalExperiment.Config c) {
        return PhysicalExperiment.describe(c);
    }
}
