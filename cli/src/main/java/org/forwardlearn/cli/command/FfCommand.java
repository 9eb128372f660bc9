package org.forwardlearn.cli.command;

import picocli.CommandLine.Command;

/** {@code forwardlearn ff ...}: Hinton's forward-forward MLP. */
@Command(name = "ff", description = "Forward-forward MLP on images or tabular data.",
        subcommands = {FfTrainCommand.class})
public final class FfCommand extends GroupCommand {
}
