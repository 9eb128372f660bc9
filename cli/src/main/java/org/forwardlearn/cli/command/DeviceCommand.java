package org.forwardlearn.cli.command;

import picocli.CommandLine.Command;

/** {@code forwardlearn device ...}. */
@Command(name = "device", description = "TODO", subcommands = {})
public final class DeviceCommand extends GroupCommand {
}
