package org.forwardlearn.cli.command;

import picocli.CommandLine.Command;

/** {@code forwardlearn physical ...}: physical neural networks trained without backpropagation (module physical). */
@Command(name = "physical", description = "Physical layers: PFF training on simulated or remote devices, baselines.",
        subcommands = {PhysicalTrainCommand.class, PhysicalCompareCommand.class})
public final class PhysicalCommand extends GroupCommand {
}
