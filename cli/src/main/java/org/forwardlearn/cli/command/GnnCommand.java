package org.forwardlearn.cli.command;

import picocli.CommandLine.Command;

/** {@code forwardlearn gnn ...}. */
@Command(name = "gnn", description = "TODO", subcommands = {})
public final class GnnCommand extends GroupCommand {
}
