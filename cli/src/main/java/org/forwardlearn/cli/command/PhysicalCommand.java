package org.forwardlearn.cli.command;

import picocli.CommandLine.Command;

/** {@code forwardlearn physical ...}. */
@Command(name = "physical", description = "TODO", subcommands = {})
public final class PhysicalCommand extends GroupCommand {
}
