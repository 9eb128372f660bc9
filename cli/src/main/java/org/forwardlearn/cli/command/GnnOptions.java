package org.forwardlearn.cli.command;

import org.forwardlearn.cli.CliException;
import org.forwardlearn.forwardgnn.GnnConfig;
import org.forwardlearn.forwardgnn.Task;
import picocli.CommandLine.Option;

/** The experiment options shared by {@code gnn train}, {@code gnn table} and {@code bench gnn}. */
public final class GnnOptions {
    @Option(names = "--task", defaultValue = "node", paramLabel = "node|link", description = "node classification or link prediction (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--hidden", description = "Width of every layer (default: 128).")
    Integer hidden;

    @Option(names = "--epochs", description = "Maximum epochs per layer (default: 1000).")
    Integer epochs;

    @Option(names = "--patience", description = "Validations without improvement before a layer stops (default: 100).")
    Integer patience;

    @Option(names = "--validate-every", description = "Validate every k epochs (default: 2).")
    Integer validateEvery;

    @Option(names = "--lr", description = "Adam learning rate (default: 1e-3).")
    Double lr;

    @Option(names = "--weight-decay", description = "Adam weight decay (default: 5e-4).")
    Double weightDecay;

    @Option(names = "--tau", description = "SF softmax temperature (default: 1).")
    Double tau;

    @Option(names = "--theta", description = "Forward-forward threshold (default: 2).")
    Double theta;

    @Option(names = "--alpha", description = "SymBa sharpness (default: 4).")
    Double alpha;

    @Option(names = "--one-direction", description = "Virtual-node methods: wire each training node to its class's virtual node one way only (training node -> virtual node: the virtual node aggregates its class, training nodes do not read it). Default: both ways.")
    boolean oneDirection;

    @Option(names = "--split-protocol", defaultValue = "forwardgnn", paramLabel = "NAME",
            description = "Node split protocol: forwardgnn (64/16/20, 5 splits) or random-60-20-20 (DFA-GNN's: 60/20/20 per run, 10 runs) (default: ${DEFAULT-VALUE}).")
    String splitProtocol;

    /** Defaults with the task, the seed (--seed, else the library default) and the shared options applied (method, conv, dataset, layers, split set by the caller). */
    GnnConfig base(Long seed) {
        GnnConfig c = GnnConfig.defaults().withTask(kind());
        if (seed != null) c = c.withSeed(seed);   // else GnnConfig.DEFAULT_SEED, the one default
        if (hidden != null) c = c.withHidden(hidden);
        if (epochs != null) c = c.withEpochs(epochs);
        if (patience != null) c = c.withPatience(patience);
        if (validateEvery != null) c = c.withValidateEvery(validateEvery);
        if (lr != null) c = c.withLr(lr);
        if (weightDecay != null) c = c.withWeightDecay(weightDecay);
        if (tau != null) c = c.withTau(tau);
        if (theta != null) c = c.withTheta(theta);
        if (alpha != null) c = c.withAlpha(alpha);
        if (oneDirection) c = c.withBidirectional(false);
        if (!org.forwardlearn.forwardgnn.SplitProtocol.NAMES.contains(splitProtocol)) {
            throw CliException.usage("--split-protocol: expected one of " + org.forwardlearn.forwardgnn.SplitProtocol.NAMES + " (got '" + splitProtocol + "')");
        }
        if (!splitProtocol.equals(org.forwardlearn.forwardgnn.SplitProtocol.FORWARD_GNN)) {
            if (kind() != Task.NODE) throw CliException.usage("--split-protocol " + splitProtocol + ": only for --task node (got --task " + task + ")");
            c = c.withSplitProtocol(splitProtocol);
        }
        return c;
    }

    /**
     * Checks every shared value before any work starts (usage error, exit 2, naming the option): hidden, epochs,
     * validate-every >= 1, patience >= 0, lr, tau, alpha > 0, weight decay >= 0, theta finite; for gat the width must
     * be a multiple of its 4 heads.
     */
    /** The --split-protocol name, checked (usage error on an unknown name). */
    String splitProtocolName() {
        if (!org.forwardlearn.forwardgnn.SplitProtocol.NAMES.contains(splitProtocol)) {
            throw CliException.usage("--split-protocol: expected one of " + org.forwardlearn.forwardgnn.SplitProtocol.NAMES + " (got '" + splitProtocol + "')");
        }
        return splitProtocol;
    }

    void checkValues(java.util.Collection<String> convs) {
        Checks.oneOf("--task", task, java.util.List.of("node", "link"));
        Checks.atLeast("--hidden", hidden, 1);
        for (String c : convs) {
            int m = org.forwardlearn.forwardgnn.layer.ConvRegistry.contains(c) ? org.forwardlearn.forwardgnn.layer.ConvRegistry.get(c).widthMultiple() : 1;
            if (hidden != null && hidden % m != 0) throw Checks.bad("--hidden", "a multiple of " + m + " for --conv " + c, hidden);
        }
        Checks.atLeast("--epochs", epochs, 1);
        Checks.atLeast("--patience", patience, 0);
        Checks.atLeast("--validate-every", validateEvery, 1);
        Checks.positive("--lr", lr);
        Checks.nonNegative("--weight-decay", weightDecay);
        Checks.positive("--tau", tau);
        Checks.finite("--theta", theta);
        Checks.positive("--alpha", alpha);
    }

    /** The --task value as a {@link Task} (usage error, exit 2, on anything but node or link). */
    Task kind() {
        try {
            return Task.parse(task);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--task: expected node or link (got '" + task + "')");
        }
    }

    /** The registered methods of a task. */
    static java.util.List<String> methods(Task task) {
        return task == Task.LINK ? GnnConfig.linkMethods() : GnnConfig.nodeMethods();
    }

    /** Checks method and conv names with a usage error that lists the choices. */
    static void check(Task task, String method, String conv) {
        var methods = methods(task);
        if (!methods.contains(method)) throw CliException.usage("--method: expected one of " + methods + " for --task " + task + " (got '" + method + "')");
        if (!GnnConfig.convs().contains(conv)) {
            throw CliException.usage("--conv: expected one of " + GnnConfig.convs() + " (got '" + conv + "'; a conv of your own is found "
                    + "on the class path: FORWARDLEARN_PLUGINS for bin/forwardlearn)");
        }
    }
}
