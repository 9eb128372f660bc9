package org.forwardlearn.cli.command;

import picocli.CommandLine.Command;

/** {@code forwardlearn device ...}: hardware in the loop (module physical, package hil). */
@Command(name = "device", description = "Hardware in the loop: serve a (simulated) device over the wire protocol.",
        subcommands = {DeviceServeCommand.class})
public final class DeviceCommand extends GroupCommand {
}
