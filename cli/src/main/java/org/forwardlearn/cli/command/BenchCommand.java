package org.forwardlearn.cli.command;

import picocli.CommandLine.Command;

/** {@code forwardlearn bench ...}. */
@Command(name = "bench", description = "TODO", subcommands = {})
public final class BenchCommand extends GroupCommand {
}
