package org.forwardlearn.cli.command;

import picocli.CommandLine.Command;

/** {@code forwardlearn gnn ...}: forward learning of graph neural networks (module forwardgnn). */
@Command(name = "gnn", description = "Graph neural networks trained layer by layer (ForwardGNN) and the backprop baseline.",
        subcommands = {GnnTrainCommand.class, GnnPredictCommand.class, GnnTableCommand.class})
public final class GnnCommand extends GroupCommand {
}
