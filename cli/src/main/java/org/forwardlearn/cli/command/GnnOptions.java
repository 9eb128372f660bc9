package org.forwardlearn.cli.command;

import org.forwardlearn.cli.CliException;
import org.forwardlearn.forwardgnn.GnnConfig;
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

    /** Defaults with the task set and the shared options applied (method, conv, dataset, layers, split set by the caller). */
    GnnConfig base(long seedOrNull, boolean seedGiven) {
        if (!task.equals("node") && !task.equals("link")) throw CliException.usage("--task: expected node or link (got '" + task + "')");
        GnnConfig c = GnnConfig.defaults().withTask(task);
        if (seedGiven) c = c.withSeed(seedOrNull);
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
            if (!task.equals("node")) throw CliException.usage("--split-protocol " + splitProtocol + ": only for --task node (got --task " + task + ")");
            c = c.withSplitProtocol(splitProtocol);
        }
        return c;
    }

    /** The default method of a task. */
    static String defaultMethod(String task) {
        return task.equals("link") ? "fl-ce" : "sf";
    }

    /** Checks method and conv names with a usage error that lists the choices. */
    static void check(String task, String method, String conv) {
        var methods = task.equals("link") ? GnnConfig.LINK_METHODS : GnnConfig.NODE_METHODS;
        if (!methods.contains(method)) throw CliException.usage("--method: expected one of " + methods + " for --task " + task + " (got '" + method + "')");
        if (!GnnConfig.CONVS.contains(conv)) throw CliException.usage("--conv: expected one of " + GnnConfig.CONVS + " (got '" + conv + "')");
    }
}
